"""Developers' tools, apart from the app and its outputs: the bench (bench, benchapps/), the 30-session
soak (load), the local server that they and the tests start the app with (localserver), and the README's
screenshots (screenshot). The app imports none of them."""
