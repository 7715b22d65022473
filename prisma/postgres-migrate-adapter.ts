import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";

/**
 * @prisma/adapter-pg as Prisma Migrate needs it, with two gaps of 6.19 closed:
 * - the schema engine reads pg_catalog columns of type `name` and `"char"`, which the adapter
 *   cannot map (prisma/orm#27403): they are handed over as text, which is what they are;
 * - the adapter runs a migration script by splitting it on ";", which breaks the plpgsql
 *   trigger bodies of our migrations: the script goes to the server whole instead (the simple
 *   query protocol runs several statements in one implicit transaction).
 * Only the Prisma CLI uses this (prisma.config.ts); the app uses PrismaPg as it is.
 */
const CATALOG_TEXT_TYPES = new Set([18 /* "char" */, 19 /* name */]);
const TEXT = 25;

function catalogTypesAsText<T>(result: T): T {
  const fields = (result as { fields?: { dataTypeID: number }[] } | undefined)?.fields ?? [];
  for (const field of fields) if (CATALOG_TEXT_TYPES.has(field.dataTypeID)) field.dataTypeID = TEXT;
  return result;
}

class CatalogFriendlyPool extends pg.Pool {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return (super.query as any)(...args).then(catalogTypesAsText);
  }
}

async function connectWholeScripts(config: pg.PoolConfig) {
  const pool = new CatalogFriendlyPool(config);
  const adapter = await new PrismaPg(pool, { disposeExternalPool: true }).connect();
  adapter.executeScript = async (script: string) => {
    await pool.query(script);
  };
  return adapter;
}

export function postgresMigrateAdapter(connectionString: string): SqlDriverAdapterFactory & {
  connectToShadowDb(): ReturnType<SqlDriverAdapterFactory["connect"]>;
} {
  return {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    connect: () => connectWholeScripts({ connectionString }),
    // `migrate diff --from-migrations` replays the migrations into a throwaway database.
    async connectToShadowDb() {
      const admin = new pg.Pool({ connectionString, max: 1 });
      const database = `minidesk_shadow_${crypto.randomUUID().replaceAll("-", "")}`;
      await admin.query(`CREATE DATABASE "${database}"`);
      const url = new URL(connectionString);
      url.pathname = `/${database}`;
      const adapter = await connectWholeScripts({ connectionString: url.toString() });
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        await admin.query(`DROP DATABASE "${database}"`);
        await admin.end();
      };
      return adapter;
    },
  };
}
