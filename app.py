"""The Gradio chat: `python app.py` (or `briefing serve`). A placeholder page until the chat issue lands."""

from __future__ import annotations


def create_app(briefing):
    import gradio as gr

    with gr.Blocks(title="briefing") as demo:
        gr.Markdown("# briefing\nThe chat is not built yet. Use `briefing ask` meanwhile.")
        articles = briefing.sources()
        gr.Markdown(f"{len(articles)} articles ingested.")
    return demo


def serve(briefing, host: str = "127.0.0.1", port: int = 7860) -> None:
    create_app(briefing).queue().launch(server_name=host, server_port=port)


if __name__ == "__main__":
    from briefing import Briefing

    serve(Briefing())
