// The layer rules of docs/ARCHITECTURE.md are lint errors: a wrong import fails `npm run lint`.
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

const eslint = new ESLint();
const problemsOf = async (filePath: string, code: string) => {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'layers/allowed-imports').map((m) => m.message);
};

describe('layer boundaries', () => {
  it('keeps cloud/domain pure', async () => {
    expect(
      await problemsOf(
        'cloud/domain/inventory/x.ts',
        "import { holdSeats } from '../../db/inventory/holds.ts';\nexport const x = holdSeats;\n",
      ),
    ).toHaveLength(1);
    expect(
      await problemsOf('cloud/domain/inventory/x.ts', "import pg from 'pg';\nexport const x = pg;\n"),
    ).toHaveLength(1);
    expect(
      await problemsOf(
        'cloud/domain/inventory/x.ts',
        "import { Money } from '../../contract/index.ts';\nexport const x = Money;\n",
      ),
    ).toHaveLength(0);
  });

  it('keeps cloud/contract a leaf and services free of adapters', async () => {
    expect(
      await problemsOf(
        'cloud/contract/x.ts',
        "import { DomainError } from '../domain/errors.ts';\nexport const x = DomainError;\n",
      ),
    ).toHaveLength(1);
    expect(
      await problemsOf(
        'cloud/services/x.ts',
        "import { WsLiveHub } from '../adapters/live/ws-hub.ts';\nexport const x = WsLiveHub;\n",
      ),
    ).toHaveLength(1);
  });

  it('lets the renderer and main reach only contract and domain of the cloud', async () => {
    expect(
      await problemsOf(
        'renderer/client/x.ts',
        "import { createApp } from '../../cloud/http/app.ts';\nexport const x = createApp;\n",
      ),
    ).toHaveLength(1);
    expect(
      await problemsOf(
        'main/cache/x.ts',
        "import { Hold } from '../../cloud/contract/index.ts';\nexport const x = Hold;\n",
      ),
    ).toHaveLength(0);
  });

  it('keeps Electron in the glue: main/app.ts, main/ipc.ts and preload/index.ts only', async () => {
    const code = "import { app } from 'electron';\nexport const x = app;\n";
    expect(await problemsOf('main/app.ts', code)).toHaveLength(0);
    expect(await problemsOf('main/ipc.ts', code)).toHaveLength(0);
    expect(await problemsOf('preload/index.ts', code)).toHaveLength(0);
    expect(await problemsOf('main/cache/x.ts', code)).toHaveLength(1);
    expect(await problemsOf('main/sync/x.ts', code)).toHaveLength(1);
    expect(await problemsOf('renderer/ui/x.ts', code)).toHaveLength(1);
    expect(
      await problemsOf('main/cache/x.ts', "import { x } from '../../cloud/db/port.ts';\nexport const y = x;\n"),
    ).toHaveLength(1);
  });
});
