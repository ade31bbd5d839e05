import type { RunLauncher } from '../src/workflows/run-workflow';

const alreadyExists = (error: unknown) => String(error).includes('instance.already_exists');
const notFound = (error: unknown) => String(error).includes('instance.not_found');

/** Runs execute as instances of the BusinessWorkflow Workflow, each instance's id its run's id. */
export function workflowLauncher(env: Env): RunLauncher {
  return {
    async launch(runId) {
      try {
        await env.WORKFLOWS.create({ id: runId, params: { runId } });
      } catch (error) {
        // A start repeated after a crash between the claim and the launch finds the instance made.
        if (!alreadyExists(error)) throw error;
      }
    },
    async relaunch(runId) {
      let instance: WorkflowInstance;
      try {
        instance = await env.WORKFLOWS.get(runId);
      } catch (error) {
        if (!notFound(error)) throw error;
        await env.WORKFLOWS.create({ id: runId, params: { runId } });
        return;
      }
      await instance.restart();
    },
  };
}
