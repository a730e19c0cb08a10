import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { aliasWorkflowImports } from '@aigov/temporal/workflow-path-aliases';
import { workflowInterceptorModules } from '@aigov/temporal/workflow-interceptor-modules';

/**
 * Bundles the workflows once for production (the worker loads the file through
 * WORKFLOW_BUNDLE_PATH instead of running webpack at every start). Run after tsc, from
 * dist/scripts, it bundles the compiled workflows next to it, so the bundle is exactly what
 * the type checker saw.
 */
export async function bundleWorkflows(outFile: string): Promise<{ file: string; bytes: number }> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve(path.join(__dirname, '..', 'workflows', 'src', 'index')),
    webpackConfigHook: aliasWorkflowImports,
    workflowInterceptorModules: workflowInterceptorModules(),
    logger: new DefaultLogger('WARN'),
  });
  await mkdir(path.dirname(outFile), { recursive: true });
  await writeFile(outFile, code);
  return { file: outFile, bytes: Buffer.byteLength(code) };
}

if (require.main === module) {
  const outFile = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'workflow-bundle.js'));
  bundleWorkflows(outFile).then(
    ({ file, bytes }) => console.log(`workflow bundle: ${path.relative(process.cwd(), file) || file} (${Math.round(bytes / 1024)} KiB)`),
    (error: Error) => {
      // A broken bundle must fail the build, not surface later as a worker that cannot start.
      console.error(`workflow bundle failed: ${error.message}`);
      process.exit(1);
    },
  );
}
