/**
 * Files shared in service sessions (and files Atrium attaches to a ticket itself, such as a
 * session's board). The bytes live on disk under the record's `id` (`ATRIUM_FILES_DIR`); this is
 * what is known of them. A record is written only once its file is complete, checked and on disk.
 */
export interface FileRecord {
  /** Random (never derived from the name); also the file's name on disk. */
  id: string;
  ticketId: string;
  hallId: string;
  /** The service session it was sent in; null for one attached to the ticket afterwards. */
  contactId: string | null;
  /** The original name, cleaned for display. */
  name: string;
  /** The type sniffed from the content. */
  mime: string;
  /** Bytes, at least 1. */
  size: number;
  /** SHA-256 of the content, 64 lower-case hex digits. */
  sha256: string;
  senderRole: "customer" | "agent" | "system";
  /** A visitor or staff id; null for the system. */
  senderId: string | null;
  senderName: string;
  createdAt: string;
}

export interface FileRepository {
  /**
   * Stores a file's record with createdAt = now; resolves once it is durable. Rejects, storing nothing, for a ticket
   * that does not exist, with `StorageConflict` for an id already taken, and for a sender role, size or hash outside
   * the interface's values.
   */
  create(file: Omit<FileRecord, "createdAt">): Promise<FileRecord>;
  get(id: string): Promise<FileRecord | undefined>;
  /** A ticket's files, oldest first (in the order they were stored). */
  forTicket(ticketId: string): Promise<FileRecord[]>;
  /** A session's files, oldest first (in the order they were stored). */
  forContact(contactId: string): Promise<FileRecord[]>;
  /** Forgets one record (an upload that could not be completed); true when there was one. */
  remove(id: string): Promise<boolean>;
}

/** A `files` row as either database returns it; `T` is how it hands back a time (ISO text, or a `Date`). */
export interface FileRow<T> {
  id: string; ticket_id: string; hall_id: string; contact_id: string | null; name: string; mime: string; size: number | string;
  sha256: string; sender_role: string; sender_id: string | null; sender_name: string; created_at: T;
}

export const FILE_COLUMNS = "id, ticket_id, hall_id, contact_id, name, mime, size, sha256, sender_role, sender_id, sender_name, created_at";

/** One row → the record, the same for both databases; `time` turns the database's time into ISO text. */
export function fileFromRow<T>(r: FileRow<T>, time: (value: T) => string): FileRecord {
  return {
    id: r.id,
    ticketId: r.ticket_id,
    hallId: r.hall_id,
    contactId: r.contact_id,
    name: r.name,
    mime: r.mime,
    size: Number(r.size),
    sha256: r.sha256,
    senderRole: r.sender_role as FileRecord["senderRole"],
    senderId: r.sender_id,
    senderName: r.sender_name,
    createdAt: time(r.created_at),
  };
}
