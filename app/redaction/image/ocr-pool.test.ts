import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findSlovenianTraineddata, resolveOcrLanguages } from "./ocr-pool.server";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "minidesk-tessdata-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("OCR languages", () => {
  it("uses the packaged English data alone when Slovenian is not installed", () => {
    const r = resolveOcrLanguages(path.join(tmp, "missing"));
    expect(r).toMatchObject({ langs: "eng", gzip: true });
    expect(fs.existsSync(path.join(r.langPath, "eng.traineddata.gz"))).toBe(true);
  });

  it("adds Debian's Slovenian data, newest version first, when English sits beside it", () => {
    for (const v of ["4.00", "5"]) {
      fs.mkdirSync(path.join(tmp, v, "tessdata"), { recursive: true });
      fs.writeFileSync(path.join(tmp, v, "tessdata", "slv.traineddata"), `slv ${v}`);
    }
    const newest = path.join(tmp, "5", "tessdata");
    expect(findSlovenianTraineddata(tmp)).toBe(path.join(newest, "slv.traineddata"));
    expect(resolveOcrLanguages(tmp).langs).toBe("eng"); // no English file in that folder yet
    fs.writeFileSync(path.join(newest, "eng.traineddata"), "eng");
    expect(resolveOcrLanguages(tmp)).toEqual({ langs: "eng+slv", langPath: newest, gzip: false });
  });
});
