import { describe, expect, it } from "vitest";
import { detect } from "../detect";
import { isPlaceholderSecret } from "./secret-placeholders";

const secrets = (text: string) => detect(text).filter((d) => d.type === "SECRET").map((d) => text.slice(d.start, d.end));

describe("placeholders where a secret goes", () => {
  it("keeps masked values, documentation examples, instructions and notes", () => {
    expect(secrets("MAIL_PASSWORD=your-mail-password\nSTRIPE_SECRET=sk_test_xxxxxxxxxxxxxxxx\nJWT_SECRET=generate-with-openssl-rand-32")).toEqual([]);
    expect(secrets('Step "deploy": API_TOKEN=[MASKED] DB_PASSWORD=***')).toEqual([]);
    expect(secrets("Windows key: XXXXX-XXXXX-XXXXX-XXXXX-7K9PQ")).toEqual([]);
    expect(secrets("| Ana | Office | licence key: ****-****-****-Q7PX |")).toEqual([]);
    expect(secrets("APP_KEY=base64:CHANGE_ME\nSTRIPE_SECRET=sk_test_...\nTEAMS_HOOK=https://hooks.slack.com/services/XXX/YYY/ZZZ")).toEqual([]);
    expect(secrets("Authorization: Token <vaš-api-ključ>")).toEqual([]);
  });
  it("still takes the real values beside them", () => {
    expect(secrets("MAIL_PASSWORD=your-mail-password\nDB_PASSWORD=Kv8#pL2mWq")).toEqual(["Kv8#pL2mWq"]);
    expect(secrets("SLACK_HOOK=https://hooks.slack.com/services/T04QX8ZL1/B05R2KD7/XXXXXXXX")).toEqual(["https://hooks.slack.com/services/T04QX8ZL1/B05R2KD7/XXXXXXXX"]);
    expect(secrets("aws_secret_access_key = q8Lm2Xv9Rt4Wz7Nb3Yc6Hd1Zq8Lm2Xv9Rt4Wz7Nb")).toEqual(["q8Lm2Xv9Rt4Wz7Nb3Yc6Hd1Zq8Lm2Xv9Rt4Wz7Nb"]);
  });
});

describe("masks in capitals and instructions in words", () => {
  it("leaves a key X'd out in capitals and wp-config's salt placeholder", () => {
    expect(isPlaceholderSecret("sk_live_XXXXXXXXXXXXXXXXXXXXXXXX")).toBe(true);
    expect(isPlaceholderSecret("put your unique phrase here")).toBe(true);
    expect(isPlaceholderSecret("sk_live_51HX7kQ2XmAb9Zp")).toBe(false);
  });
});
