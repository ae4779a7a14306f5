"""The narrator's studio (`podcast studio`): a web page on loopback to record each segment in the browser, hear
it, and get the build's verdict on it at once. Like build.py and commands/, it sits above the stages: it
shows the script, plays the voicing's TTS and asks narration for the verdict."""
