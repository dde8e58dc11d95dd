/** Reads required configuration once, at module load, and fails fast with the variable's name. */
export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Missing required environment variable ${name}`);
  return value;
}

/** An optional whole number from the environment (a deployment's setting); undefined when unset. */
export function optionalCountEnv(name: string): number | undefined {
  const value = process.env[name];
  if (value === undefined || value === '') return undefined;
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1)
    throw new Error(`${name} must be a whole number ≥ 1, not ${value}`);
  return count;
}

/** The wall clock, behind the Clock port so use cases can be tested at any time. */
export const systemClock = { now: () => new Date() };
