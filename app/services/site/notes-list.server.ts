// 协调记录: notes of what was agreed with the client, the supervisor, the installer or internally,
// newest first.
import { desc, eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { coordinationNotes, users } from "#db/schema";

export interface CoordinationNoteView {
  id: string;
  noteDate: string;
  party: "client" | "supervisor" | "vendor" | "internal";
  content: string;
  createdBy: string | null;
  createdAt: string;
}

export async function listCoordinationNotes(db: Db, projectId: string): Promise<CoordinationNoteView[]> {
  const rows = await db
    .select({
      id: coordinationNotes.id,
      noteDate: coordinationNotes.noteDate,
      party: coordinationNotes.party,
      content: coordinationNotes.content,
      createdBy: users.name,
      createdAt: coordinationNotes.createdAt,
    })
    .from(coordinationNotes)
    .leftJoin(users, eq(users.id, coordinationNotes.createdBy))
    .where(eq(coordinationNotes.projectId, projectId))
    .orderBy(desc(coordinationNotes.noteDate), desc(coordinationNotes.createdAt));
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}
