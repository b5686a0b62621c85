// Every notebook under notebooks/ runs top to bottom in the real Jupyter with the Deno kernel.
import assert from "node:assert/strict";

const notebooks = new URL("../../notebooks/", import.meta.url);

interface Output {
  output_type: string;
  data?: Record<string, string[] | string>;
  text?: string[] | string;
  ename?: string;
  evalue?: string;
}

async function execute(name: string): Promise<Output[]> {
  const out = await Deno.makeTempDir({ prefix: "torq-nb-" });
  try {
    const run = await new Deno.Command("jupyter", {
      // _late_output.py: nbconvert's executor, but it also keeps the outputs Deno's kernel
      // publishes after a cell's idle status (plain --execute drops them now and then)
      args: [
        "nbconvert",
        "--to",
        "notebook",
        '--NotebookExporter.preprocessors=["_late_output.LateOutputExecutor"]',
        "--LateOutputExecutor.kernel_name=deno",
        "--LateOutputExecutor.timeout=120",
        "--output-dir",
        out,
        name,
      ],
      cwd: notebooks.pathname,
      env: { NO_COLOR: "1", PYTHONPATH: new URL(".", import.meta.url).pathname },
      stdout: "piped",
      stderr: "piped",
    }).output().catch((e) => {
      throw new Error(
        `jupyter is not installed (${e}); run \`deno task test\`, which installs it`,
      );
    });
    const stderr = new TextDecoder().decode(run.stderr);
    assert.equal(run.code, 0, `nbconvert failed on ${name}:\n${stderr}`);
    const nb = JSON.parse(await Deno.readTextFile(`${out}/${name}`));
    return nb.cells.flatMap((c: { outputs?: Output[] }) => c.outputs ?? []);
  } finally {
    await Deno.remove(out, { recursive: true });
  }
}

function text(o: Output): string {
  const t = o.data?.["text/plain"] ?? o.text ?? "";
  return Array.isArray(t) ? t.join("") : t;
}

Deno.test("the protocol tour notebook runs and finds both frames around the garbage", async () => {
  const outputs = await execute("protocol_tour.ipynb");
  const errors = outputs.filter((o) => o.output_type === "error");
  assert.deepEqual(errors.map((e) => `${e.ename}: ${e.evalue}`), []);
  const all = outputs.map(text).join("\n");
  assert.match(all, /anvil:uniswap_v3:pool:0x88e6a0c2ddd26feeb64f039a2c41296fcb3f5640/);
  assert.match(all, /reserve1: 415000000000000000000n/);
  assert.match(all, /frames: 2/);
  assert.match(all, /7 bytes at 142: BAD_MAGIC/);
});
