"""nbconvert executor that keeps the outputs the Deno kernel publishes after its idle status.

Deno's Jupyter kernel sends a cell's execute_result (and awaited Deno.jupyter.broadcast
messages) on a task of its own, so now and then they reach IOPub after the cell's
`status: idle`; nbclient stops listening at idle and drops them. This executor listens a little
longer for messages of the same cell before it runs the next one.
"""
from queue import Empty

from nbclient.exceptions import CellExecutionComplete
from nbclient.util import ensure_async
from nbconvert.preprocessors import ExecutePreprocessor
from traitlets import Bool, Float


class LateOutputExecutor(ExecutePreprocessor):
    enabled = Bool(True).tag(config=True)
    linger = Float(0.5, help="Seconds without a message before a cell's output is final").tag(
        config=True
    )

    async def _async_poll_output_msg(self, parent_msg_id, cell, cell_index):
        await super()._async_poll_output_msg(parent_msg_id, cell, cell_index)
        while True:
            try:
                msg = await ensure_async(self.kc.iopub_channel.get_msg(timeout=self.linger))
            except Empty:
                return
            if msg["parent_header"].get("msg_id") != parent_msg_id:
                continue
            try:
                self.process_message(msg, cell, cell_index)
            except CellExecutionComplete:
                pass
