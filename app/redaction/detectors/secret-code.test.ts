import { describe, expect, it } from "vitest";
import { detect } from "../detect";

const secrets = (text: string) => detect(text).filter((d) => d.type === "SECRET").map((d) => text.slice(d.start, d.end));

describe("credentials handed to library calls in pasted code", () => {
  it.each([
    ['r = requests.get(url, auth=("jnovak", "Api!Pass24"))', "Api!Pass24"],
    ["server.login('info@example.com', 'Smtp2024!')", "Smtp2024!"],
    ['var cred = new NetworkCredential("jnovak", "NetCred2024!");', "NetCred2024!"],
    ['DriverManager.getConnection("jdbc:mysql://db/shop", "shop", "Shop!2024");', "Shop!2024"],
  ])("finds the password in %j", (text, password) => expect(secrets(text)).toEqual([password]));

  it("leaves variables and calls that are not about credentials", () => {
    expect(secrets('requests.get(url, auth=(user, os.environ["PW"]))')).toEqual([]);
    expect(secrets('print("hello", "world"); format("a", "b")')).toEqual([]);
  });
});

describe("a port passed as a string", () => {
  it("is no password", () => expect(secrets('client.connect("db", "5432")')).toEqual([]));
});
