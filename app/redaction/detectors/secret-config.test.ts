import { describe, expect, it } from "vitest";
import { detectConfigSecrets } from "./secret-config";

// the rules of one detector may find a value twice; the engine merges them
const secrets = (text: string) => [...new Set(detectConfigSecrets(text).map((d) => text.slice(d.start, d.end)))];

describe("config keys whose value is a secret, in the shapes configs are written", () => {
  it("reads a key and its value apart by blanks, alone on their line", () => {
    expect(secrets("connection bridge-01\nremote_username plant-3\nremote_password Kumara-Mqtt-208\ntopic a/# out 1")).toEqual(["Kumara-Mqtt-208"]);
    expect(secrets("bind 127.0.0.1\nrequirepass Ribez-7719-redis\nport 6379")).toEqual(["Ribez-7719-redis"]);
  });

  it("reads a commented-out key's value", () => {
    expect(secrets('network={\n  ssid="Lekarna-IoT"\n  #psk="Mak&Kamilica44"\n}')).toEqual(["Mak&Kamilica44"]);
    expect(secrets("; db_password = Vrba-Trn-2026")).toEqual(["Vrba-Trn-2026"]);
  });

  it("reads a flag's value as the next item of a command's array", () => {
    expect(secrets('command: ["redis-server", "--requirepass", "Lisica-9Qw0"]')).toEqual(["Lisica-9Qw0"]);
  });

  it("reads a Wi-Fi key's column or key", () => {
    expect(secrets("wifi_key = kavarna2025\nssid = Kavarna")).toEqual(["kavarna2025"]);
  });

  it("leaves prose, a key without a value and a comment that only names a secret", () => {
    expect(secrets("# password = see the vault")).toEqual([]);
    expect(secrets("remote_password\nremote_username plant-3")).toEqual([]);
    expect(secrets("We set the remote_password option in the bridge section yesterday.")).toEqual([]);
  });
});
