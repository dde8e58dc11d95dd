import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../functions/core/identity/roles.js';
import { personHash, setPseudonymKey } from '../../../functions/core/privacy/person-pseudonym.js';
import { ValidationError } from '../../../functions/core/shared/errors.js';
import {
  type DesilEntry,
  type DesilImport,
  importDesil,
  MAX_DESIL_ROWS,
  parseDesilCsv,
} from '../../../functions/core/welfare/desil.js';

setPseudonymKey(randomBytes(32));

const NIK_A = '3510061402620001';
const NIK_B = '3510067009660001';
const admin: Actor = { subject: 'admin-bwi', name: 'Admin', roles: ['regency_admin'], areas: ['35.10'] };

function store() {
  const imports: { entry: DesilImport; rows: readonly DesilEntry[] }[] = [];
  return {
    imports,
    desil: {
      replace: async (entry: DesilImport, rows: readonly DesilEntry[]) => void imports.push({ entry, rows }),
      desilOf: async () => undefined,
      desilsOf: async () => undefined,
      current: async () => imports.at(-1)?.entry,
    },
  };
}

const deps = (memory: ReturnType<typeof store>, known = [NIK_A, NIK_B]) => ({
  desil: memory.desil,
  clock: { now: () => new Date('2026-12-03T08:00:00Z') },
  residentOf: (nik: string, regency: string) => regency === '35.10' && known.includes(nik),
});

const bytes = (csv: string) => new TextEncoder().encode(csv);

/** The fields a refused file names. */
function refused(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error.issues.map((issue) => issue.field);
    throw error;
  }
  throw new Error('accepted');
}

describe('the desil file (CSV nik,desil)', () => {
  it('reads comma or semicolon files, any column order, skipping blank lines', () => {
    expect(parseDesilCsv(`nik,desil\n${NIK_A},3\n\n${NIK_B},10\n`)).toEqual([
      { line: 2, nik: NIK_A, desil: 3 },
      { line: 4, nik: NIK_B, desil: 10 },
    ]);
    expect(parseDesilCsv(`desil;nik\r\n4;${NIK_A}`)).toEqual([{ line: 2, nik: NIK_A, desil: 4 }]);
  });

  it('names the row and column of every bad value, never the NIK itself', () => {
    const source = `nik,desil\n${NIK_A},0\n12345,4\n${NIK_B},11\n${NIK_A},2\n${NIK_B},3.5`;
    expect(refused(() => parseDesilCsv(source))).toEqual([
      'row 2, column desil',
      'row 3, column nik',
      'row 4, column desil',
      'row 5, column nik',
      'row 6, column nik',
      'row 6, column desil',
    ]);
    try {
      parseDesilCsv(source);
    } catch (error) {
      expect(JSON.stringify((error as ValidationError).issues)).not.toContain(NIK_A);
    }
  });

  it('refuses a file without its columns, without rows, or over the row limit', () => {
    expect(refused(() => parseDesilCsv(`nik,kelas\n${NIK_A},3`))).toEqual([
      'row 1, column desil',
      'row 1, column kelas',
    ]);
    expect(refused(() => parseDesilCsv('nik,desil\n'))).toEqual(['row 2, column nik']);
    const many = Array.from({ length: MAX_DESIL_ROWS + 1 }, (_, i) => `${String(i).padStart(16, '1')},1`);
    expect(refused(() => parseDesilCsv(['nik,desil', ...many].join('\n')))).toEqual([
      `row ${MAX_DESIL_ROWS + 2}, column nik`,
    ]);
  });
});

describe('importing a regency ranking', () => {
  it('stores rows by NIK pseudonym under a new import id', async () => {
    const memory = store();
    const imported = await importDesil(
      deps(memory),
      admin,
      '35.10',
      bytes(`nik,desil\n${NIK_A},2\n${NIK_B},8`),
    );
    expect(imported).toMatchObject({ regencyCode: '35.10', rows: 2, importedBy: 'admin-bwi' });
    expect(memory.imports[0]?.rows).toEqual([
      { person: personHash(NIK_A), desil: 2 },
      { person: personHash(NIK_B), desil: 8 },
    ]);
    expect(JSON.stringify(memory.imports)).not.toContain(NIK_A);
  });

  it('refuses a NIK the regency does not hold, naming its row, and writes nothing', async () => {
    const memory = store();
    await expect(
      importDesil(deps(memory, [NIK_A]), admin, '35.10', bytes(`nik,desil\n${NIK_A},2\n${NIK_B},8`)),
    ).rejects.toMatchObject({ issues: [expect.objectContaining({ field: 'row 3, column nik' })] });
    expect(memory.imports).toEqual([]);
  });

  it("is the regency admin's of that regency only", async () => {
    const memory = store();
    const other: Actor = { ...admin, areas: ['35.02'] };
    await expect(
      importDesil(deps(memory), other, '35.10', bytes(`nik,desil\n${NIK_A},2`)),
    ).rejects.toMatchObject({
      status: 403,
    });
    expect(memory.imports).toEqual([]);
  });

  it('refuses a file over 2 MB before reading it (413)', async () => {
    const memory = store();
    await expect(
      importDesil(deps(memory), admin, '35.10', new Uint8Array(2 * 1024 * 1024 + 1)),
    ).rejects.toMatchObject({ status: 413 });
  });
});
