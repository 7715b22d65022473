import { expect, it } from "vitest";
import { safeRedirectPath } from "./safe-redirect";

it("only follows local paths after sign-in or a language switch", () => {
  expect(safeRedirectPath("/queue?view=mine")).toBe("/queue?view=mine");
  expect(safeRedirectPath("//evil.example/x")).toBe("/");
  expect(safeRedirectPath("https://evil.example")).toBe("/");
  expect(safeRedirectPath("/\\evil.example")).toBe("/");
  expect(safeRedirectPath("/x\r\nSet-Cookie: a=b")).toBe("/");
  expect(safeRedirectPath(null, "/queue")).toBe("/queue");
});
