/**
 * `npm run docs`: regenerates the files generated from the registries and schemas. Tests fail when
 * a committed copy differs from what this writes.
 */
import * as fs from 'fs';
import * as path from 'path';
import { GENERATED_FILES } from '../cli/generated';

const ROOT = path.resolve(__dirname, '..');
for (const [file, produce] of Object.entries(GENERATED_FILES)) {
  const target = path.join(ROOT, file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, produce());
  console.log(`wrote ${file}`);
}
