/** The queue's vocabulary, shared by the server and the browser bundle. */
export const QUEUE_VIEWS = ["unassigned", "mine", "pending", "followups", "open", "closed", "all"] as const;
export type QueueView = (typeof QUEUE_VIEWS)[number];
export const ACTIVE_STATUSES = ["NEW", "OPEN", "PENDING"] as const;
export const STATUSES = ["NEW", "OPEN", "PENDING", "RESOLVED", "CLOSED"] as const;
export type TicketStatus = (typeof STATUSES)[number];
/** Most urgent first. */
export const PRIORITIES = ["URGENT", "HIGH", "NORMAL", "LOW"] as const;
export type TicketPriority = (typeof PRIORITIES)[number];
export const CHANNELS = ["WEB", "EMAIL"] as const;
