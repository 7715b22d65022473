import { describe, expect, it } from "vitest";
import { detect } from "../detect";

/** The values the engine would report as secrets. */
const secrets = (text: string) => detect(text).filter((d) => d.type === "SECRET").map((d) => text.slice(d.start, d.end));

describe("secret shapes read from providers' and tools' documentation", () => {
  it.each([
    ["GitLab: glpat-Xr9TqLm2Vp8KsNw4Zy6B", "glpat-Xr9TqLm2Vp8KsNw4Zy6B"],
    ["docker token dckr_pat_Zq8Lm2Xv9Rt4Wz7Nb3Yc6Hd1Jf", "dckr_pat_Zq8Lm2Xv9Rt4Wz7Nb3Yc6Hd1Jf"],
    ["//registry.npmjs.org/:_authToken=npm_Zx8Lm2Qv7Rt4Wp9Nb3Yc6Hd1Jf5Ke0AsUoVi", "npm_Zx8Lm2Qv7Rt4Wp9Nb3Yc6Hd1Jf5Ke0AsUoVi"],
    ["hf_Zq8Lm2Xv9Rt4Wz7Nb3Yc6Hd1Jf5Ke0AsUoV", "hf_Zq8Lm2Xv9Rt4Wz7Nb3Yc6Hd1Jf5Ke0AsUoV"],
    ["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", "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"],
    ["bot 7123456789:AAHq8Lm2Xv9Rt4Wz7Nb3Yc6Hd1Jf5Ke0AsU", "7123456789:AAHq8Lm2Xv9Rt4Wz7Nb3Yc6Hd1Jf5Ke0AsU"],
    ["whsec_Pq7Lm2Xv9Rt4Wz8Nb3Yc6Hd1Jf5", "whsec_Pq7Lm2Xv9Rt4Wz8Nb3Yc6Hd1Jf5"],
    ["Ključ za licenco programa je 7KJ2M-QX9TP-48RVB-HY3WC-DF6GN.", "7KJ2M-QX9TP-48RVB-HY3WC-DF6GN"],
  ])("a provider token with its prefix: %j", (text, token) => expect(secrets(text)).toEqual([token]));

  it.each([
    ["<password>Rep0rts!Xml</password>", "Rep0rts!Xml"],
    ['<add key="PaymentApiKey" value="pay_9Kx2Lm7Qv4Rt8Wz3Nb" />', "pay_9Kx2Lm7Qv4Rt8Wz3Nb"],
    ['"dbPassword": "Qx7mLp2Vr9"', "Qx7mLp2Vr9"],
    ["secretAccessKey: wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY12", "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY12"],
    ["AccountName=arhiv;AccountKey=Zq8Lm2Xv9Rt4Wz7Nb3Yc6Hd1Jf5Ke0As==;EndpointSuffix=core.windows.net", "Zq8Lm2Xv9Rt4Wz7Nb3Yc6Hd1Jf5Ke0As=="],
    ["curl -u admin:S3cretPass! https://api.example.com/status", "S3cretPass!"],
    ["docker login -u ci -p Zq8Lm2Xv9Rt4 registry.example.com", "Zq8Lm2Xv9Rt4"],
    ["sshpass -p 'Ssh!Pass2026' ssh root@host", "Ssh!Pass2026"],
    ["jdbc:oracle:thin:scott/tiger77X@db01:1521/ORCL", "tiger77X"],
    ["Passwort: Fichte!2026", "Fichte!2026"],
    ["lozinka: Jadran-More77", "Jadran-More77"],
    ["Wi-Fi passphrase lighthouse-2026-guest", "lighthouse-2026-guest"],
    ["Tajni ključ API: Zx4Qw8Er2Ty6Ui0OpAs3Df7Gh", "Zx4Qw8Er2Ty6Ui0OpAs3Df7Gh"],
    ["https://hooks.zapier.com/hooks/catch/1234567/abcd3fg/", "https://hooks.zapier.com/hooks/catch/1234567/abcd3fg/"],
    ["https://chat.example.com/hooks/xn8bq7w3cfbdmyu6k1r9zt2ejp", "https://chat.example.com/hooks/xn8bq7w3cfbdmyu6k1r9zt2ejp"],
    ['{ "auths": { "registry.example.com": { "auth": "ZGVwbG95OlMzY3JldFBhc3Mh" } } }', "ZGVwbG95OlMzY3JldFBhc3Mh"],
    ["db.internal:5432:shop:shop:Pg!Pass2026x", "Pg!Pass2026x"],
    ["heslo: Jaro2026!", "Jaro2026!"],
    ["hasło: Wiosna2026!", "Wiosna2026!"],
    ["contraseña: Verano2026!", "Verano2026!"],
  ])("a value by its format: %j", (text, value) => expect(secrets(text)).toEqual([value]));

  it("takes the recovery codes listed under their label, and BitLocker keys", () => {
    expect(secrets("Obnovitvene kode za 2FA:\n8075-ktut\nze9t-3exe\n\nHvala")).toEqual(["8075-ktut", "ze9t-3exe"]);
    expect(secrets("Your backup codes:\n1. 48213950\n2. 77120384\nKeep them safe.")).toEqual(["48213950", "77120384"]);
    expect(secrets("BitLocker recovery key: 123456-654321-111111-222222-333333-444444-555555-666666")).toHaveLength(1);
  });

  it("reads codes in two groups after their list number, in two columns, under a label line with more words and a line of prose", () => {
    const sheet = "Backup codes for ana@example.com – keep them safe\nEach code works once.\n1. 5120 7781     4. 0932 6618\n2. 3345 1209     5. 7721 4480";
    expect(secrets(sheet)).toEqual(["5120 7781", "0932 6618", "3345 1209", "7721 4480"]);
    // after prose, a word with a number is no code; two lines of prose end the list
    expect(secrets("We keep the backup codes in the safe.\nThe invoice was sent.\nRoom 2044")).toEqual([]);
    expect(secrets("Backup codes are in the vault.\nAsk Ana.\nThe courier came.\n1. 4829 1067")).toEqual([]);
  });

  it("leaves publishable keys, descriptions of secrets and prose", () => {
    for (const text of [
      "Publishable key: pk_live_51PqR8sT2uVw3XyZ9hJkL0mNo",
      '"publishableKey": "pk_test_Qx8Lm3Vp7Rt2Wz9Nb4Yc"',
      "<tokenType>Bearer</tokenType>",
      '<add key="PasswordMinLength" value="12"/>',
      "passwordMinLength: 12",
      "key fingerprint SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8",
      "Backup codes don't work, I tried 3 times. Recovery code: sent by SMS.",
      "GET /report.pdf?token=NjJpo6Hx73QjjB7D98GnyBiVEoZlQIC5NzNp9eJCFCn&expires=1764151200",
      "Passwort vergessen, bitte zurücksetzen. Lozinka je istekla.",
      "Povezava za ponastavitev gesla je potekla, geslo je bilo spremenjeno.",
      "See https://docs.example.com/webhooks/getting-started for the webhook docs.",
    ]) {
      const found = secrets(text);
      expect(found.every((s) => !/^(?:pk_|Bearer|12|SHA256|sent|don|expires|zurück|istekla|potekla|bilo)/.test(s)), text).toBe(true);
    }
    expect(secrets("Publishable key: pk_live_51PqR8sT2uVw3XyZ9hJkL0mNo")).toEqual([]);
    expect(secrets("passwordMinLength: 12\n<tokenType>Bearer</tokenType>")).toEqual([]);
    expect(secrets("See https://docs.example.com/webhooks/getting-started for the webhook docs.")).toEqual([]);
    expect(secrets("Povezava za ponastavitev gesla je potekla, geslo je bilo spremenjeno.")).toEqual([]);
  });
});

describe("secret shapes of the second probe round", () => {
  it.each([
    ["mysql -u root -p'Zima 2024!' -h 10.0.0.5 shop", "Zima 2024!"],
    ["registry=https://nexus.example.com/\n_auth=am5vdmFrOlBvbGV0amUyMDIzIQ==\nalways-auth=true", "am5vdmFrOlBvbGV0amUyMDIzIQ=="],
    ["WIFI:T:WPA;S:Gostje;P:Gostje2024!;;", "Gostje2024!"],
    ["curl https://api.telegram.org/bot7307705446:AApW0kqbLH7UAr1dqiLt4K8XZDEuFCiwkIe/getUpdates", "7307705446:AApW0kqbLH7UAr1dqiLt4K8XZDEuFCiwkIe"],
    ["AWS Secret Access Key [None]: PUeAivsLzCAhJlSrcGkfIFnHthpW7G/lOOMcLN1t", "PUeAivsLzCAhJlSrcGkfIFnHthpW7G/lOOMcLN1t"],
    ["mysqli.default_pw = Sh0pDbPw", "Sh0pDbPw"],
    ['network={\n    ssid="Pisarna"\n    psk="Dobrodosli2024"\n}', "Dobrodosli2024"],
    ["enter the setup key manually: JBSW Y3DP EHPK 3PXP", "JBSW Y3DP EHPK 3PXP"],
  ])("finds %j", (text, secret) => expect(secrets(text)).toContain(secret));

  it("redacts an armoured PGP private key block whole", () => {
    const block = "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOYBGXk2mQBCADJ8f2pNq3x0Uv7kTz1\n-----END PGP PRIVATE KEY BLOCK-----";
    expect(secrets(`key:\n${block}\nthanks`)).toEqual([block]);
  });

  it("keeps placeholders and public halves", () => {
    expect(secrets("SECRET_KEY=%SECRET_KEY%\npassword: YOUR_PASSWORD_HERE\npsk=\nDB_PW=${DB_PW}")).toEqual([]);
    expect(secrets("-----BEGIN PGP PUBLIC KEY BLOCK-----\nmQENBGXk2mQBCADJ8f2pNq3x0Uv7kTz1\n-----END PGP PUBLIC KEY BLOCK-----")).toEqual([]);
  });
});

describe("mail relay credentials", () => {
  it("finds the password of a Postfix sasl_passwd line and of SMTP AUTH PLAIN", () => {
    expect(secrets("[smtp.gmail.com]:587 jnovak@gmail.com:abcdefghijklmnop")).toContain("abcdefghijklmnop");
    expect(secrets("<<< AUTH PLAIN AGpub3Zha0BleGFtcGxlLmNvbQBaaW1hMjAyNCE=")).toEqual(["AGpub3Zha0BleGFtcGxlLmNvbQBaaW1hMjAyNCE="]);
  });

  it("leaves AUTH PLAIN offered without credentials and bracketed log prefixes", () => {
    expect(secrets("250-AUTH PLAIN LOGIN\n[2024-03-01] worker:started\n[app.worker] job:started")).toEqual([]);
  });
});

describe("a key's name glued to its value by OCR", () => {
  it("leaves the key's last word out of the secret (an env line's _ read as blanks, = as -)", () => {
    const text = "10 STRIPE SECRET KEY-sk_live_Onzc5ycBBLk36UXx064X3agw32Aw";
    const found = detect(text).filter((d) => d.type === "SECRET").map((d) => text.slice(d.start, d.end));
    expect(found).toEqual(["sk_live_Onzc5ycBBLk36UXx064X3agw32Aw"]);
  });

  it("keeps a provider's own key- prefix (Mailgun)", () => {
    const text = "API key: key-3ax6xnjp29jd6fds4gc373sgvjxteol0";
    expect(detect(text).map((d) => text.slice(d.start, d.end))).toEqual(["key-3ax6xnjp29jd6fds4gc373sgvjxteol0"]);
  });
});
