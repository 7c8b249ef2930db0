"""The Gradio chat on http://127.0.0.1:7860 (the same as `briefing serve`); the code is in briefing/ui/chat.py."""

from briefing.ui.chat import main

if __name__ == "__main__":
    main()
