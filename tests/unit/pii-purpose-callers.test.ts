// Buyer PII for a data-subject request (purpose `dsr-export`, which also reads restricted records)
// is read only by the DSR handling: every file that calls readBuyerPiiForDsr is a reviewed call
// site (lib/pii/read-buyer-pii.ts). A new caller fails this test until it is added here on purpose.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, sourceFiles } from '../helpers/source-files.ts';

const REVIEWED = [
  'lib/privacy/dsr.ts', // the access-request export and rectification of a data-subject request
];

describe('dsr-export readers', () => {
  it('are only the reviewed ones, and nothing else names the dsr-export purpose for a read', async () => {
    const files = (
      await Promise.all(['app', 'components', 'lib', 'jobs', 'scripts'].map(sourceFiles))
    ).flat();
    const callers: string[] = [];
    const namingPurpose: string[] = [];
    for (const file of files) {
      if (file === 'lib/pii/read-buyer-pii.ts') continue;
      const source = await readFile(path.join(ROOT, file), 'utf8');
      if (/\breadBuyerPiiForDsr\(/.test(source)) callers.push(file);
      if (/readBuyerPii(Batch)?\([^)]*'dsr-export'/.test(source)) namingPurpose.push(file);
    }
    expect(callers.sort()).toEqual(REVIEWED);
    expect(namingPurpose).toEqual([]);
  });
});
