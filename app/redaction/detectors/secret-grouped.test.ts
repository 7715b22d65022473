import { describe, expect, it } from "vitest";
import { detect } from "../detect";

const secrets = (text: string) => detect(text).filter((d) => d.type === "SECRET").map((d) => text.slice(d.start, d.end));

describe("generated passwords written in groups", () => {
  it("takes an app password of four letter groups, by blanks or dashes, and a TOTP seed in groups", () => {
    expect(secrets("ok google gave me qwlt hzrp vnxe bkdo and it works")).toEqual(["qwlt hzrp vnxe bkdo"]);
    expect(secrets("Apple ID app password: wkrt-pqzm-hhcs-ndla")).toEqual(["wkrt-pqzm-hhcs-ndla"]);
    expect(secrets("the seed the app shows is GEZD GNBV GY3T QOJQ GEZ4")).toEqual(["GEZD GNBV GY3T QOJQ GEZ4"]);
  });
  it("leaves four-letter words in prose and capitals without digits", () => {
    expect(secrets("this will make sure that your mail goes back")).toEqual([]);
    expect(secrets("from June, tech desk also took over")).toEqual([]);
    expect(secrets("PLEASE CALL BACK SOON WHEN FREE")).toEqual([]);
  });
});
