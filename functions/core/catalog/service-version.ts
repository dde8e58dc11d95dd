import { createHash } from 'node:crypto';
import { canonicalJson } from '../shared/canonical-json.js';
import type { ServiceDefinition } from './types.js';

/**
 * A service definition's version: a short hash of everything in it that shapes a request once submitted —
 * the form and its rules, the persyaratan, the chain (stages, their roles, deadlines, checks, conditions),
 * the target time, the classification code and the letter. Computed from the definition itself, so no
 * number can be forgotten when a service file is edited. Left out: how the catalogue presents the service
 * (its name, description and search keywords); a request in flight does not depend on them, and a typo fixed
 * there should not fork a version.
 * A request keeps the version it was submitted under (ServiceRequest.serviceVersion) and is carried through
 * that definition to its end (ServiceCatalog.definitionOf).
 */
export function serviceVersion(service: ServiceDefinition): string {
  let version = versions.get(service);
  if (!version) {
    const { name: _name, description: _description, keywords: _keywords, ...shaping } = service;
    version = createHash('sha256').update(canonicalJson(shaping)).digest('base64url').slice(0, 12);
    versions.set(service, version);
  }
  return version;
}

/** Definitions are immutable values: each is hashed once per container. */
const versions = new WeakMap<ServiceDefinition, string>();
