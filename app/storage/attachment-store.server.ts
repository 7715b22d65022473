import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { getConfig } from "../config.server";

/**
 * Where redacted attachment files live. A small interface so several machines can share
 * one volume (STORAGE_DIR) or a later backend can replace the folder. Keys are random:
 * no file name ever carries anything a client wrote.
 */
export interface AttachmentStore {
  put(bytes: Buffer, extension: string): Promise<string>;
  get(key: string): Promise<Buffer | null>;
  delete(key: string): Promise<void>;
  list(): Promise<string[]>;
}

const KEY_PATTERN = /^[0-9a-f]{2}\/[0-9a-f]{32}\.[a-z0-9]{1,5}$/;

export function localFolderStore(root: string): AttachmentStore {
  const resolve = (key: string) => {
    // Keys come from the database, but a guard here means no path ever escapes the folder.
    if (!KEY_PATTERN.test(key)) throw new Error("Invalid storage key");
    return path.join(root, key);
  };
  return {
    async put(bytes, extension) {
      const id = crypto.randomBytes(16).toString("hex");
      const ext = /^[a-z0-9]{1,5}$/.test(extension) ? extension : "bin";
      const key = `${id.slice(0, 2)}/${id}.${ext}`;
      const file = resolve(key);
      await fs.mkdir(path.dirname(file), { recursive: true });
      // Write then rename, so a crash never leaves a half-written file under a real key.
      const tmp = `${file}.partial`;
      await fs.writeFile(tmp, bytes, { mode: 0o600 });
      await fs.rename(tmp, file);
      return key;
    },
    async get(key) {
      try {
        return await fs.readFile(resolve(key));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw err;
      }
    },
    async delete(key) {
      await fs.rm(resolve(key), { force: true });
    },
    async list() {
      const out: string[] = [];
      let dirs: string[] = [];
      try {
        dirs = await fs.readdir(root);
      } catch {
        return out;
      }
      for (const d of dirs) {
        if (!/^[0-9a-f]{2}$/.test(d)) continue;
        for (const f of await fs.readdir(path.join(root, d))) out.push(`${d}/${f}`);
      }
      return out;
    },
  };
}

export function getAttachmentStore(): AttachmentStore {
  return localFolderStore(path.resolve(getConfig().STORAGE_DIR));
}
