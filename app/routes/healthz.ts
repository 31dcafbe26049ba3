import { sql } from "drizzle-orm";
import { getDatabase } from "#db/client";

/** For load balancers and monitoring: 200 when the database answers, 503 when it does not. */
export async function loader() {
  const started = Date.now();
  try {
    const database = getDatabase();
    await database.db.execute(sql`select 1`);
    return Response.json(
      { status: "ok", database: { driver: database.driver, state: "up", latencyMs: Date.now() - started } },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch (error) {
    return Response.json(
      { status: "error", database: { state: "down", error: (error as Error).message.slice(0, 200) } },
      { status: 503, headers: { "Cache-Control": "no-store" } },
    );
  }
}
