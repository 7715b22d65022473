import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import net from "node:net";
import { execFileSync, spawnSync } from "node:child_process";
import { ImapFlow } from "imapflow";

/**
 * A real IMAP server for the tests: Debian's Dovecot (dovecot-imapd, installed by .ci/run),
 * started on 127.0.0.1 and a free port with its own configuration, users and maildirs in a
 * temporary folder, and stopped again. Users are in a passwd-file; mail is added over IMAP
 * (APPEND), as a mail server would deliver it. Root runs Dovecot's processes as its own
 * users (dovecot, dovenull); anyone else runs them as themselves.
 */
export type Dovecot = {
  port: number;
  dir: string;
  /** An IMAP session as that user, for putting mail in and looking at folders. */
  connect(user: string, password: string): Promise<ImapFlow>;
  start(): Promise<void>;
  stop(): Promise<void>;
};

export function dovecotAvailable(): boolean {
  return spawnSync("dovecot", ["--version"]).status === 0;
}

/**
 * `users` maps each account to its password. They are written before the start: Dovecot notices a
 * changed passwd-file by its modification time, which a second write in the same second hides.
 * With `oauth2UserinfoUrl`, Dovecot also takes XOAUTH2/OAUTHBEARER sign-ins, checking each access
 * token by calling that URL with it as a Bearer token (as it does with Microsoft's or Google's
 * userinfo endpoint) and reading the account name from the answer's `sub`.
 */
export async function startDovecot(users: Record<string, string>, opts: { oauth2UserinfoUrl?: string } = {}): Promise<Dovecot> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "minidesk-dovecot-"));
  fs.chmodSync(dir, 0o755);
  const port = await freePort();
  const root = process.getuid?.() === 0;
  const me = os.userInfo().username;
  const [internalUser, loginUser, mailUser] = root ? ["dovecot", "dovenull", "dovecot"] : [me, me, me];
  const mailDir = path.join(dir, "mail");
  fs.mkdirSync(mailDir);
  fs.mkdirSync(path.join(dir, "run"));
  fs.mkdirSync(path.join(dir, "state"));
  if (root) execFileSync("chown", [`${mailUser}:${mailUser}`, mailDir]);
  const passwd = path.join(dir, "passwd");
  fs.writeFileSync(passwd, Object.entries(users).map(([user, password]) => `${user}:{PLAIN}${password}::::::\n`).join(""));
  const conf = path.join(dir, "dovecot.conf");
  const oauth2Conf = path.join(dir, "dovecot-oauth2.conf.ext");
  if (opts.oauth2UserinfoUrl) {
    fs.writeFileSync(oauth2Conf, `introspection_mode = auth\nintrospection_url = ${opts.oauth2UserinfoUrl}\nusername_attribute = sub\n`);
  }
  const oauth2Passdb = opts.oauth2UserinfoUrl
    ? `passdb {\n  driver = oauth2\n  mechanisms = xoauth2 oauthbearer\n  args = ${oauth2Conf}\n}\n`
    : "";
  fs.writeFileSync(
    conf,
    `protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login${opts.oauth2UserinfoUrl ? " xoauth2 oauthbearer" : ""}
first_valid_uid = 1
mail_location = maildir:${mailDir}/%u
default_internal_user = ${internalUser}
default_login_user = ${loginUser}
passdb {
  driver = passwd-file
  mechanisms = plain login
  args = scheme=PLAIN username_format=%u ${passwd}
}
${oauth2Passdb}userdb {
  driver = static
  args = uid=${mailUser} gid=${mailUser} home=${mailDir}/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
`,
  );
  const server: Dovecot = {
    port,
    dir,
    async connect(user, password) {
      const client = new ImapFlow({ host: "127.0.0.1", port, secure: false, auth: { user, pass: password }, logger: false });
      client.on("error", () => {});
      await client.connect();
      return client;
    },
    async start() {
      // Dovecot forks into the background: its stdio must not be our pipes, or this waits forever.
      execFileSync("dovecot", ["-c", conf], { stdio: "ignore" });
      await waitForPort(port, true);
    },
    async stop() {
      spawnSync("doveadm", ["-c", conf, "stop"], { stdio: "ignore" });
      await waitForPort(port, false);
    },
  };
  await server.start();
  return server;
}

export async function removeDovecot(server: Dovecot): Promise<void> {
  await server.stop();
  if (!process.env.MINIDESK_KEEP_TEST_DATA) fs.rmSync(server.dir, { recursive: true, force: true });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, open: boolean): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const isOpen = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => (socket.destroy(), resolve(true)));
      socket.once("error", () => resolve(false));
    });
    if (isOpen === open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Dovecot on port ${port} did not ${open ? "start" : "stop"}`);
}
