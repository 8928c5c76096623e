"""The load benchmark's floor: the smallest Flask page, served by the same gunicorn
settings as the workbench, so the table shows what the server and the client cost alone."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello() -> str:
    return "Hello"
