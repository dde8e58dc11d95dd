/** Reads required configuration once, at module load, and fails fast with the variable's name. */
export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Missing required environment variable ${name}`);
  return value;
}

/** The wall clock, behind the Clock port so use cases can be tested at any time. */
export const systemClock = { now: () => new Date() };
