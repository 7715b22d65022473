import { describe, expect, it } from "vitest";
import { detect } from "../detect";

const secrets = (text: string) => detect(text).filter((d) => d.type === "SECRET").map((d) => text.slice(d.start, d.end));

describe("passwords given to command-line tools", () => {
  it.each([
    ['mongosh "mongodb://db01:27017" -u admin -p Mongo2024! --authenticationDatabase admin', "Mongo2024!"],
    ["az login --service-principal -u 16ef71b6 -p Xq8~vR2.kP9_lM4 --tenant acme.onmicrosoft.com", "Xq8~vR2.kP9_lM4"],
    ["sqlcmd -S sql01 -U sa -P 'Mssql_2019!' -Q \"SELECT 1\"", "Mssql_2019!"],
    ['ldapsearch -x -D "cn=admin,dc=acme,dc=si" -w Ldap2024x -b "dc=acme,dc=si"', "Ldap2024x"],
    ["keytool -importkeystore -srckeystore old.jks -srcstorepass Jks0ld!", "Jks0ld!"],
    ["openssl pkcs12 -export -in c.pem -out c.p12 -passout pass:Certifikat2024", "Certifikat2024"],
    ["smbclient //fs01/racuni -U jnovak%Racuni2024", "Racuni2024"],
    ["//fs01/share /mnt/share cifs username=jnovak,password=Mnt#Pass9,uid=1000 0 0", "Mnt#Pass9"],
    ["htpasswd -b /etc/nginx/.htpasswd jnovak Nginx2024!", "Nginx2024!"],
    ["rabbitmqctl add_user monitoring Monitor#55", "Monitor#55"],
    ["net use Z: \\\\fileserver\\finance /user:ACME\\jnovak Pomlad2024", "Pomlad2024"],
    ["echo 'Kava123!' | docker login --username jnovak --password-stdin", "Kava123!"],
    ['echo "jnovak:Zacasno123" | chpasswd', "Zacasno123"],
    ["CREATE USER 'report'@'%' IDENTIFIED BY 'Rep0rt!2024';", "Rep0rt!2024"],
  ])("finds the password in %j", (text, password) => expect(secrets(text)).toContain(password));

  it("leaves flags that are not passwords and values read from elsewhere", () => {
    expect(secrets("mongosh --port 27017 -u admin")).toEqual([]);
    expect(secrets("ssh -p 2222 deploy@host; nc -w 5 host 80")).toEqual([]);
    expect(secrets('echo $DB_PASSWORD | docker login -u ci --password-stdin')).toEqual([]);
    expect(secrets("net use Z: \\\\fs01\\share /user:ACME\\jnovak /persistent:yes")).toEqual([]);
    expect(secrets("IDENTIFIED BY PASSWORD is deprecated; use IDENTIFIED WITH caching_sha2_password")).toEqual([]);
  });
});

describe("passwords in shell output, protocol logs and device configuration", () => {
  it.each([
    ['$pass = ConvertTo-SecureString "P@ssw0rd2024" -AsPlainText -Force', "P@ssw0rd2024"],
    ["C: a001 LOGIN jnovak Imap#2024", "Imap#2024"],
    ["snmpwalk -v2c -c Pr1vateC0mm 192.0.2.1", "Pr1vateC0mm"],
    ["username admin privilege 15 password 0 Cisco123!", "Cisco123!"],
    ["snmp-server community Pr1vateC0mm RW", "Pr1vateC0mm"],
    ["crypto isakmp key VpnPsk#2024 address 203.0.113.5", "VpnPsk#2024"],
    ["# redis.conf\nrequirepass R3dis!Prod", "R3dis!Prod"],
    ["masterauth R3dis!Prod", "R3dis!Prod"],
    ["    Key Content            : Dobrodosli2024", "Dobrodosli2024"],
  ])("finds %j", (text, secret) => expect(secrets(text)).toContain(secret));

  it("leaves prose that uses the same words", () => {
    expect(secrets("Please enable password recovery; the username field is required.")).toEqual([]);
    expect(secrets("the community edition key features")).toEqual([]);
  });
});

describe("passwords in Windows administration, archivers and file-transfer tools", () => {
  it.each([
    ['reg add "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon" /v DefaultPassword /t REG_SZ /d "Kiosk2024!" /f', "Kiosk2024!"],
    ["<Password>\n    <Value>Unattend#24</Value>\n    <PlainText>true</PlainText>\n</Password>", "Unattend#24"],
    ["cmdkey /add:fileserver /user:ACME\\jnovak /pass:Cmdkey2024", "Cmdkey2024"],
    ["psexec \\\\pc042 -u ACME\\admin -p PsExec#77 cmd", "PsExec#77"],
    ["xfreerdp /v:rdp.example.com /u:jnovak /p:Rdp2024!x /cert:ignore", "Rdp2024!x"],
    ["rdesktop -u jnovak -p Rdesk#2024 192.0.2.15", "Rdesk#2024"],
    ["7z a -pArhiv2024! -mhe=on backup.7z C:\\Data", "Arhiv2024!"],
    ["unzip -P Zip#2024 izvoz.zip", "Zip#2024"],
    ['plink -ssh -pw Plink2024! root@192.0.2.20 "systemctl restart nginx"', "Plink2024!"],
    ["lftp -u jnovak,Lftp2024 sftp://files.example.com", "Lftp2024"],
    ["open ftp.example.com\nuser jnovak FtpScript24\nbinary", "FtpScript24"],
  ])("finds the password in %j", (text, password) => expect(secrets(text)).toContain(password));

  it("leaves the same tools run without a password", () => {
    expect(secrets("7z a -mx=9 backup.7z C:\\Data; unzip -l izvoz.zip; plink -ssh -i key.ppk root@192.0.2.20")).toEqual([]);
    expect(secrets('reg add "HKCU\\Software\\App" /v DefaultPrinter /d "HP LaserJet" /f')).toEqual([]);
  });
});

describe("IMAP tags", () => {
  it("reads a tag with a digit, not the words of a log line", () => {
    expect(secrets("imapd: Failed LOGIN attempt 3 for user jnovak")).toEqual([]);
  });
});
