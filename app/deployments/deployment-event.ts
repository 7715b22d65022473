import { z } from "zod";

/**
 * What a deployment report says, whoever sent it: Minidesk's own JSON, GitHub's
 * deployment_status webhook or GitLab's deployment event, reduced to one shape.
 */
export type DeploymentEvent = {
  /** Who wrote it: a webhook fires on every deployment, a Minidesk call is made on purpose. */
  source: "minidesk" | "github" | "gitlab";
  deliveryId: string | null;
  /** false: a report of a deployment that did not (yet) succeed; nothing is scheduled. */
  success: boolean;
  /** The sender's own word for the deployment's state (GitHub's `state`, GitLab's `status`). */
  state: string;
  references: string[];
  environment: string;
  version: string | null;
  url: string | null;
  description: string | null;
  target: "WEB" | "CRM" | "HOSTING" | "OTHER" | null;
};

const MAX_REFERENCES = 20;
const REFERENCES = /\bMD-\d{4}-\d{6,9}(?!\d)/gi;

/** Every MD-… reference in these texts, upper-cased, each once, in order of appearance. */
export function findReferences(...texts: (string | null | undefined)[]): string[] {
  const seen = new Set<string>();
  for (const t of texts) for (const m of (t ?? "").matchAll(REFERENCES)) seen.add(m[0].toUpperCase());
  return [...seen].slice(0, MAX_REFERENCES);
}

const httpUrl = z.string().trim().url().max(500).refine((u) => /^https?:\/\//i.test(u), "must be an http(s) address");
const text = (max: number) => z.string().trim().max(max);

export const MinideskDeployment = z
  .object({
    deliveryId: text(200).min(1).optional(),
    references: z.array(z.string().trim().regex(/^MD-\d{4}-\d{6,9}$/i, "a ticket reference like MD-2026-000123")).max(MAX_REFERENCES).optional(),
    text: text(10_000).optional(),
    commitMessage: text(10_000).optional(),
    environment: text(100).min(1),
    version: text(200).optional(),
    url: httpUrl.optional(),
    description: text(2000).optional(),
    target: z.enum(["WEB", "CRM", "HOSTING", "OTHER"]).optional(),
  })
  .strict()
  .refine((b) => b.references?.length || b.text || b.commitMessage, { message: "give references, text or commitMessage", path: ["references"] });

export function fromMinidesk(body: z.infer<typeof MinideskDeployment>, headerDeliveryId: string | null): DeploymentEvent {
  return {
    source: "minidesk",
    deliveryId: body.deliveryId ?? headerDeliveryId,
    success: true,
    state: "success",
    references: findReferences((body.references ?? []).join(" "), body.text, body.commitMessage),
    environment: body.environment,
    version: body.version ?? null,
    url: body.url ?? null,
    description: body.description ?? body.commitMessage?.split("\n")[0] ?? null,
    target: body.target ?? null,
  };
}

// Only the fields we read; GitHub and GitLab send many more, which are ignored.
export const GithubDeploymentStatus = z.object({
  deployment_status: z.object({
    state: z.string(),
    environment: z.string().nullish(),
    environment_url: z.string().nullish(),
    target_url: z.string().nullish(),
    description: z.string().nullish(),
  }),
  deployment: z.object({
    sha: z.string().nullish(),
    ref: z.string().nullish(),
    environment: z.string().nullish(),
    description: z.string().nullish(),
    payload: z.unknown().optional(),
  }),
});

export function fromGithub(body: z.infer<typeof GithubDeploymentStatus>, deliveryId: string | null): DeploymentEvent {
  const d = body.deployment;
  const s = body.deployment_status;
  const payload = typeof d.payload === "string" ? d.payload : d.payload === undefined ? "" : JSON.stringify(d.payload);
  return {
    source: "github",
    deliveryId,
    success: s.state === "success",
    state: s.state.slice(0, 40),
    references: findReferences(d.description, d.ref, payload, s.description),
    environment: (s.environment ?? d.environment ?? "production").slice(0, 100),
    version: d.sha?.slice(0, 40) ?? null,
    url: safeUrl(s.environment_url) ?? safeUrl(s.target_url),
    description: d.description?.slice(0, 2000) || null,
    target: null,
  };
}

export const GitlabDeployment = z.object({
  object_kind: z.literal("deployment"),
  status: z.string(),
  environment: z.string().nullish(),
  environment_external_url: z.string().nullish(),
  deployable_url: z.string().nullish(),
  short_sha: z.string().nullish(),
  ref: z.string().nullish(),
  commit_title: z.string().nullish(),
});

export function fromGitlab(body: z.infer<typeof GitlabDeployment>, deliveryId: string | null): DeploymentEvent {
  return {
    source: "gitlab",
    deliveryId,
    success: body.status === "success",
    state: body.status.slice(0, 40),
    references: findReferences(body.commit_title, body.ref),
    environment: (body.environment ?? "production").slice(0, 100),
    version: body.short_sha?.slice(0, 40) ?? null,
    url: safeUrl(body.environment_external_url),
    description: body.commit_title?.slice(0, 2000) || null,
    target: null,
  };
}

function safeUrl(u: string | null | undefined): string | null {
  return u && httpUrl.safeParse(u).success ? u.trim() : null;
}
