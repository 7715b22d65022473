import fs from "node:fs/promises";
import path from "node:path";
import { getConfig } from "../config.server";

/**
 * File-system side of retention: attachment files under STORAGE_DIR (keys like
 * "ab/<32 hex>.png", written as "<key>.partial" then renamed) and outbox files under
 * OUTBOX_DIR ("<time>-<OutboxMail.id>.eml"). Names never carry personal data, so the
 * only way to find a file is by key or row id.
 */
const DIR_PATTERN = /^[0-9a-f]{2}$/;
const FILE_PATTERN = /^[0-9a-f]{32}\.[a-z0-9]{1,5}(\.partial)?$/;
const OUTBOX_FILE = /^[0-9TZ-]+-([a-z0-9]+)\.eml$/;

export type StoredFileInfo = { key: string; partial: boolean; mtime: Date; file: string };

/** Every file in the attachment folder with its age; foreign names are left alone. */
export async function listStorageFiles(): Promise<StoredFileInfo[]> {
  const root = path.resolve(getConfig().STORAGE_DIR);
  const out: StoredFileInfo[] = [];
  let dirs: string[];
  try {
    dirs = await fs.readdir(root);
  } catch {
    return out;
  }
  for (const d of dirs) {
    if (!DIR_PATTERN.test(d)) continue;
    for (const f of await fs.readdir(path.join(root, d)).catch(() => [] as string[])) {
      if (!FILE_PATTERN.test(f)) continue;
      const file = path.join(root, d, f);
      const st = await fs.stat(file).catch(() => null);
      if (!st?.isFile()) continue;
      const partial = f.endsWith(".partial");
      out.push({ key: `${d}/${partial ? f.slice(0, -".partial".length) : f}`, partial, mtime: st.mtime, file });
    }
  }
  return out;
}

export async function removeFile(file: string): Promise<void> {
  await fs.rm(file, { force: true });
}

/** Outbox files by the OutboxMail id in their name, read once per run. */
export class OutboxFolder {
  private byId?: Map<string, string>;
  readonly root = path.resolve(getConfig().OUTBOX_DIR);

  async index(): Promise<Map<string, string>> {
    if (this.byId) return this.byId;
    this.byId = new Map();
    for (const f of await fs.readdir(this.root).catch(() => [] as string[])) {
      const m = OUTBOX_FILE.exec(f);
      if (m) this.byId.set(m[1]!, path.join(this.root, f));
    }
    return this.byId;
  }

  /** Deletes the files of these mails; returns how many existed. */
  async deleteFor(ids: string[]): Promise<number> {
    const index = await this.index();
    let n = 0;
    for (const id of ids) {
      const file = index.get(id);
      if (!file) continue;
      await removeFile(file);
      index.delete(id);
      n++;
    }
    return n;
  }

  /** Files written before `cutoff` (the rows may be gone already). */
  async olderThan(cutoff: Date): Promise<{ id: string; file: string; mtime: Date }[]> {
    const out: { id: string; file: string; mtime: Date }[] = [];
    for (const [id, file] of await this.index()) {
      const st = await fs.stat(file).catch(() => null);
      if (st && st.mtime < cutoff) out.push({ id, file, mtime: st.mtime });
    }
    return out;
  }

  forget(id: string) {
    this.byId?.delete(id);
  }
}
