// @ts-check
// A house rule for window-server (ARCHITECTURE.md): a module is a folder of window-server/src,
// and other modules see only what its index.ts exports. Only the composition root (main.ts and
// wiring/) reaches into a module's files. core/ is the kernel every module uses file by file.
import { dirname, relative, resolve, sep } from 'node:path';

const SRC = resolve(import.meta.dirname, '../../window-server/src');
const KERNEL = new Set(['core']);
const ROOT_FILES = new Set(['main.ts']);
const ROOT_FOLDERS = new Set(['wiring']);

/** The module of a file under window-server/src: its first folder, or '' for a top-level file. */
function moduleOf(file) {
  const parts = relative(SRC, file).split(sep);
  return parts.length > 1 ? parts[0] : '';
}

/** @type {import('eslint').Rule.RuleModule} */
export const moduleBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: "window-server modules import each other only through the other module's index.ts" },
    messages: {
      internal:
        "'{{target}}' is inside the {{module}} module: import it from '{{module}}/index.js' (only main.ts and wiring/ reach into a module).",
    },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    if (!file.startsWith(SRC + sep) || /\.test\.tsx?$/.test(file)) return {};
    const own = moduleOf(file);
    const relativeToSrc = relative(SRC, file);
    if (ROOT_FILES.has(relativeToSrc) || ROOT_FOLDERS.has(own)) return {};
    const check = (node, source) => {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = resolve(dirname(file), source);
      if (!target.startsWith(SRC + sep)) return;
      const module = moduleOf(target);
      if (module === '' || module === own || KERNEL.has(module)) return;
      const inside = relative(resolve(SRC, module), target);
      if (inside === 'index.js' || inside === 'index.ts') return;
      context.report({ node, messageId: 'internal', data: { target: source, module } });
    };
    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
    };
  },
};
