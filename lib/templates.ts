import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AssetManifestArtifact, type CloudAssembly } from 'aws-cdk-lib/cx-api';

// biome-ignore lint/suspicious/noExplicitAny: synthesized CloudFormation is untyped JSON
type Json = any;

/**
 * A stack's template as if it were one: its nested stacks' resources merged into its own, and the
 * references between them resolved. A nested stack names a parent's resource through a parameter (Ref of
 * `referenceto…`), which becomes the value the parent passes (its AWS::CloudFormation::Stack Parameters); the
 * parent names a nested resource through an output (GetAtt `<nested>.Outputs.…`), which becomes the output's
 * value. So a policy in a nested stack names the table as `{ Ref: <table id> }`, as in a single stack.
 * @param nestedTemplateOf the template of the nested stack behind one of the parent's AWS::CloudFormation::Stack
 */
export function mergeNestedTemplates(parent: Json, nestedTemplateOf: (resourceId: string) => Json): Json {
  const merged = structuredClone(parent);
  const outputs = new Map<string, Json>(); // `<nested stack resource id>.Outputs.<name>` → its value
  const nestedResources: Record<string, Json>[] = [];
  for (const [resourceId, resource] of Object.entries<Json>(parent.Resources)) {
    if (resource.Type !== 'AWS::CloudFormation::Stack') continue;
    const template = nestedTemplateOf(resourceId);
    const passed = resource.Properties?.Parameters ?? {};
    const inParent = (value: Json): Json =>
      mapRefs(value, (ref) => (ref in (template.Parameters ?? {}) ? passed[ref] : undefined));
    for (const [name, output] of Object.entries<Json>(template.Outputs ?? {})) {
      outputs.set(`${resourceId}.Outputs.${name}`, inParent(output.Value));
    }
    nestedResources.push(inParent(template.Resources));
  }
  for (const resources of nestedResources) {
    for (const [id, resource] of Object.entries(resources)) {
      if (id in merged.Resources) throw new Error(`Logical id ${id} is in two stacks: cannot merge them`);
      merged.Resources[id] = resource;
    }
  }
  return mapGetAtts(merged, (target) => outputs.get(target));
}

/** One stack of a synthesized assembly, its nested stacks merged in (see mergeNestedTemplates). */
export function mergedAssemblyTemplate(assembly: CloudAssembly, stackName: string): Json {
  const stack = assembly.getStackByName(stackName);
  const parent = stack.template;
  // A nested stack's template is a file asset of its parent: the TemplateURL ends in the asset's hash, and
  // the stack's asset manifest says which file of the assembly that is.
  const manifest = assembly.artifacts.find(
    (artifact): artifact is AssetManifestArtifact =>
      artifact instanceof AssetManifestArtifact && stack.dependencies.includes(artifact),
  );
  const files: Record<string, { source: { path: string } }> = manifest
    ? JSON.parse(readFileSync(manifest.file, 'utf8')).files
    : {};
  return mergeNestedTemplates(parent, (resourceId) => {
    const hash = /([0-9a-f]{64})\.json/.exec(
      JSON.stringify(parent.Resources[resourceId].Properties.TemplateURL),
    );
    const file = hash && files[hash[1] as string]?.source.path;
    if (!file) throw new Error(`No template file for the nested stack ${resourceId}`);
    return JSON.parse(readFileSync(path.join(assembly.directory, file), 'utf8'));
  });
}

/** A copy of `value` with each `{ Ref: name }` that `replace` answers for replaced by its answer. */
function mapRefs(value: Json, replace: (name: string) => Json | undefined): Json {
  return mapIntrinsics(value, (node) => (typeof node.Ref === 'string' ? replace(node.Ref) : undefined));
}

/** A copy of `value` with each `{ 'Fn::GetAtt': [id, attribute] }` that `replace` answers for replaced. */
function mapGetAtts(value: Json, replace: (target: string) => Json | undefined): Json {
  return mapIntrinsics(value, (node) => {
    const getAtt = node['Fn::GetAtt'];
    return Array.isArray(getAtt) ? replace(getAtt.join('.')) : undefined;
  });
}

function mapIntrinsics(value: Json, replace: (node: Record<string, Json>) => Json | undefined): Json {
  if (Array.isArray(value)) return value.map((item) => mapIntrinsics(item, replace));
  if (value === null || typeof value !== 'object') return value;
  const replaced = replace(value);
  if (replaced !== undefined) return replaced;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapIntrinsics(item, replace)]));
}
