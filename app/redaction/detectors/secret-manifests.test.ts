import { describe, expect, it } from "vitest";
import { expectLinearTime } from "../../../tests/setup/linear-time";
import { detectManifestSecrets } from "./secret-manifests";

const values = (text: string) => detectManifestSecrets(text).map((d) => text.slice(d.start, d.end));

const SECRET = `apiVersion: v1
kind: Secret
metadata:
  name: regcred
  namespace: shop
type: kubernetes.io/dockerconfigjson
data:
  .dockerconfigjson: eyJhdXRocyI6eyJyZWdpc3RyeS5leGFtcGxlLmNvbSI6e319fQ==
  username: "ZGVwbG95"
stringData:
  API_TOKEN: Zm9vYmFyLXRva2VuLTQy
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: shop-config
data:
  LOG_LEVEL: info
  CACHE_TTL: "300"
`;

describe("a Kubernetes Secret's values", () => {
  it("takes the values under a Secret's data but its username's, not stringData's clear values or a ConfigMap's", () => {
    expect(values(SECRET)).toEqual(["eyJhdXRocyI6eyJyZWdpc3RyeS5leGFtcGxlLmNvbSI6e319fQ=="]);
  });

  it("reads a Secret whose kind comes after its data, and leaves the keys and metadata", () => {
    const text = "data:\n  password: cGFzc3dvcmQxMjM=\nmetadata:\n  name: db\nkind: Secret\n";
    expect(values(text)).toEqual(["cGFzc3dvcmQxMjM="]);
  });

  it("stays linear on a long manifest", () => {
    const unit = "  key: dmFsdWU=\n";
    expectLinearTime("a long data block", (chars) => "kind: Secret\ndata:\n" + unit.repeat(Math.floor(chars / unit.length)), detectManifestSecrets);
  }, 60_000);
});
