import type { z } from 'zod';
import type { Role } from '../core/roles.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** 'public' routes need no token; otherwise the roles whose verified token may call the route. */
export type RouteAccess = 'public' | readonly Role[];

/**
 * One API route. This table is the single source for the CDK HTTP API (routes, authorizer, one Lambda per
 * route), the local gateway and the OpenAPI document.
 */
export interface RouteDefinition {
  /** Stable id: names the Lambda construct and the OpenAPI operationId. */
  readonly id: string;
  readonly method: HttpMethod;
  /** API Gateway path syntax, e.g. /v1/requests/{id}. */
  readonly path: string;
  readonly access: RouteAccess;
  /** Handler module, relative to the repository root; it exports `handler`. */
  readonly entry: string;
  readonly summary: string;
  readonly tags: readonly string[];
  /** What the handler needs from the stack (least privilege grants). */
  readonly needs: readonly ResourceNeed[];
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  /** The body is a file, not JSON: the accepted content types (the handler gets the bytes as `rawBody`). */
  readonly rawBody?: { readonly contentTypes: readonly string[]; readonly description: string };
  /** Extra request headers the route reads (documented in OpenAPI). */
  readonly headers?: readonly {
    readonly name: string;
    readonly description: string;
    readonly required: boolean;
  }[];
  readonly responses: Readonly<
    Record<
      number,
      { readonly description: string; readonly schema?: z.ZodType; readonly contentType?: string }
    >
  >;
}

export type ResourceNeed =
  | 'table:read'
  | 'table:write'
  | 'documents:read'
  | 'documents:write'
  | 'workflow:start'
  | 'workflow:signal'
  /** Inspect, move and delete uploaded files (accepting attachments). */
  | 'uploads:accept'
  /** Send notifications: SNS SMS and SES e-mail in AWS (the outbox write itself rides on table:write). */
  | 'notify'
  /** Sign document hashes with the platform's key (kms:Sign, kms:GetPublicKey); env SIGNING_KEY_ID. */
  | 'documents:sign'
  /** Check document signatures with the platform's public key (kms:GetPublicKey); env SIGNING_KEY_ID. */
  | 'documents:verify';
