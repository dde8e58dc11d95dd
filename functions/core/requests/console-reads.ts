import type { RequestStatus, ServiceRequest } from './requests.js';

/**
 * Read-side port for the staff console and the citizen's own list, beside RequestStore: each method is one
 * access pattern of the single table (functions/adapters/keys.ts), a Query on an index partitioned by
 * village (or citizen), never a Scan.
 */
export interface ConsoleReads {
  /** Requests whose current stage waits for `role` in `villageCode`, earliest due first (gsi3). */
  waitingFor(villageCode: string, role: string, limit: number): Promise<Page>;
  /**
   * A village's requests with `status` created at or after `fromIso`, only the attributes a dashboard
   * needs, every page read (gsi1). At village scale (hundreds of requests a month) this is a few pages.
   */
  createdSince(villageCode: string, status: RequestStatus, fromIso: string): Promise<StatRow[]>;
  /** A person's own requests, newest first (gsi4). */
  byApplicant(subject: string, limit: number, cursor?: string): Promise<Page>;
}

export interface Page {
  readonly items: ServiceRequest[];
  readonly cursor?: string;
}

/** The slice of a request the dashboard reads (what the inbox index projects, lib/constructs/data.ts). */
export type StatRow = Pick<ServiceRequest, 'id' | 'serviceCode' | 'status' | 'createdAt'> & {
  readonly document?: { readonly issuedAt?: string };
};
