import { describe, expect, it } from "vitest";
import { detect } from "../detect";

const secrets = (text: string) => detect(text).filter((d) => d.type === "SECRET").map((d) => text.slice(d.start, d.end));

describe("wallet recovery phrases", () => {
  it("takes twelve or more list words in a row, on one line, one per line or numbered", () => {
    const twelve = "legal winner thank year wave sausage worth useful legal winner thank yellow";
    expect(secrets(`the backup words were ${twelve} and now it says invalid`)).toEqual([twelve]);
    const numbered = "1. zoo\n2. able\n3. ocean\n4. cradle\n5. rubber\n6. gentle\n7. acid\n8. world\n9. silver\n10. fiscal\n11. uncle\n12. vivid";
    expect(secrets(`Recovery sheet:\n${numbered}`)).toEqual([numbered.slice(3)]);
  });
  it("leaves prose and shorter runs of common words", () => {
    expect(secrets("please check the order form again because the price field shows the wrong total after a discount")).toEqual([]);
    expect(secrets("mirror absent dwarf pupil spray glance wheat yard elbow coral")).toEqual([]);
  });
});
