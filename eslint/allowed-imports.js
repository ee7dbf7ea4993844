// `layers/allowed-imports`: every import of a file in a layer (static, re-export, dynamic `import()`, `require()` and
// `import('…')` types) must reach its own layer, a layer it allows, or a package it allows (eslint/layers.js).
// A dynamic import whose specifier is computed cannot be checked, so it is refused inside a layer.
import { builtinModules } from 'node:module';
import { dirname, relative, resolve, sep } from 'node:path';
import { LAYERS } from './layers.js';

const ROOT = resolve(import.meta.dirname, '..');
const BUILTINS = new Set(builtinModules);

const toPosix = (path) => path.split(sep).join('/');

/** The layer a project-relative path belongs to, or undefined outside every layer. */
export function layerOf(projectPath) {
  return LAYERS.find((layer) => layer.files.some((prefix) => projectPath.startsWith(prefix)));
}

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`, `fs` → `node:fs`. */
function packageOf(specifier) {
  if (specifier.startsWith('node:')) return specifier.split('/')[0];
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  return BUILTINS.has(name) ? `node:${name}` : name;
}

function packageAllowed(layer, name) {
  if (layer.packages === '*') return true;
  return layer.packages.some((allowed) => allowed === name || (allowed === 'node:*' && name.startsWith('node:')));
}

const describeAllowed = (layer) => {
  const layers = [layer.name, ...layer.allow].join(', ');
  const packages = layer.packages === '*' ? 'any package' : `the packages ${layer.packages.join(', ') || '(none)'}`;
  return `${layer.name} may import ${layers} and ${packages}`;
};

/** Why `specifier`, imported from the project file `fromPath`, is refused; undefined when it is allowed. */
export function refusal(fromPath, specifier) {
  const layer = layerOf(fromPath);
  if (!layer) return undefined;
  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    const target = toPosix(relative(ROOT, resolve(ROOT, dirname(fromPath), specifier)));
    const targetLayer = layerOf(target);
    if (targetLayer === layer || (targetLayer && layer.allow.includes(targetLayer.name))) return undefined;
    const where = targetLayer ? `in ${targetLayer.name}` : 'outside every layer';
    return `'${specifier}' is ${where}; ${describeAllowed(layer)}.`;
  }
  const name = packageOf(specifier);
  if (packageAllowed(layer, name)) return undefined;
  return `the package '${name}' is not allowed here; ${describeAllowed(layer)}.`;
}

const literalOf = (node) => {
  if (node?.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node?.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked;
  return undefined;
};

/** @type {import('eslint').Rule.RuleModule} */
export const allowedImports = {
  meta: {
    type: 'problem',
    docs: { description: 'Each layer imports only the layers and packages its entry in eslint/layers.js allows.' },
    schema: [],
  },
  create(context) {
    const fromPath = toPosix(relative(ROOT, context.filename));
    if (!layerOf(fromPath)) return {};
    const check = (node, sourceNode) => {
      const specifier = literalOf(sourceNode);
      if (specifier === undefined) {
        context.report({ node, message: 'A computed module specifier cannot be checked against the layers.' });
        return;
      }
      const why = refusal(fromPath, specifier);
      if (why) context.report({ node, message: why });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
      TSImportType: (node) => {
        // typescript-eslint 8 names the specifier `source`; earlier versions `argument` (a literal type).
        const source = node.source ?? node.argument;
        check(node, source?.type === 'TSLiteralType' ? source.literal : source);
      },
      TSExternalModuleReference: (node) => check(node, node.expression),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments.length === 1) {
          check(node, node.arguments[0]);
        }
      },
    };
  },
};

export const layersPlugin = { rules: { 'allowed-imports': allowedImports } };
