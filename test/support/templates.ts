import { NestedStack, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { mergeNestedTemplates } from '../../lib/templates.js';

// biome-ignore lint/suspicious/noExplicitAny: synthesized CloudFormation is untyped JSON; tests check its shape
type Json = any;

/** One template of a stack: the stack itself or one of its nested stacks. */
export interface StackTemplate {
  /** The construct path of the (nested) stack. */
  readonly path: string;
  readonly template: Json;
}

const nestedStacksOf = (stack: Stack): NestedStack[] =>
  stack.node.findAll().filter((node): node is NestedStack => NestedStack.isNestedStack(node));

/** The stack's template, then each of its nested stacks' (the app is synthesized once). */
export function templatesOf(stack: Stack): StackTemplate[] {
  return [stack, ...nestedStacksOf(stack)].map((each) => ({
    path: each.node.path,
    template: Template.fromStack(each).toJSON(),
  }));
}

/**
 * The stack's template with its nested stacks' resources merged in and the parameters and outputs between
 * them resolved (lib/templates.ts mergeNestedTemplates): what tests assert on, as if it were one stack.
 */
export function mergedTemplate(stack: Stack): Json {
  const byResource = new Map(
    nestedStacksOf(stack).map((nested) => [
      stack.resolve((nested.nestedStackResource as { logicalId: string }).logicalId) as string,
      nested,
    ]),
  );
  return mergeNestedTemplates(Template.fromStack(stack).toJSON(), (resourceId) => {
    const nested = byResource.get(resourceId);
    if (!nested) throw new Error(`No nested stack behind ${resourceId}`);
    return Template.fromStack(nested).toJSON();
  });
}

/** Counts each template's resources against CloudFormation's limit per stack (parent and nested alike). */
export const resourceCounts = (stack: Stack): { path: string; resources: number }[] =>
  templatesOf(stack).map(({ path, template }) => ({
    path,
    resources: Object.keys(template.Resources ?? {}).length,
  }));
