import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** What poppler's pdfsig says of a PDF's embedded signatures: the tool a bank or a court would have. */
export interface PdfSignatureReport {
  /** "Signature is Valid." for every signature (and at least one). */
  readonly valid: boolean;
  /** The signers' certificate common names. */
  readonly signers: readonly string[];
  readonly text: string;
}

/** Runs pdfsig (Debian's poppler-utils; .ci/run installs it) on the bytes. */
export async function pdfSignatures(bytes: Uint8Array): Promise<PdfSignatureReport> {
  const directory = await mkdtemp(join(tmpdir(), 'pdfsig-'));
  try {
    const file = join(directory, 'document.pdf');
    await writeFile(file, bytes);
    // pdfsig exits non-zero for an invalid or missing signature: its report is what matters.
    const { stdout, stderr } = await run('pdfsig', [file]).catch(
      (error: { code?: unknown; stdout?: string; stderr?: string }) => {
        if (error.code === 'ENOENT') {
          throw new Error('pdfsig not found: install poppler-utils (apt-get install -y poppler-utils)');
        }
        return { stdout: error.stdout ?? '', stderr: error.stderr ?? '' };
      },
    );
    const text = `${stdout}${stderr}`;
    const validations = [...text.matchAll(/Signature Validation: (.*)/g)].map((match) => match[1]);
    return {
      valid: validations.length > 0 && validations.every((line) => line === 'Signature is Valid.'),
      signers: [...text.matchAll(/Signer Certificate Common Name: (.*)/g)].map((match) => match[1] ?? ''),
      text,
    };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
