"""The Streamlit app's rooms; the page itself is the repository's app.py, which lays them out.

resources   what every session shares, loaded or rendered once per process (st.cache_resource)
navigation  the view (mode, clause, step) and the URL that mirrors it, and the callbacks that change it
dialogs     About, the features as text, and the offline downloads: drawn only when asked for
present     present mode's step panel (a fragment: a step reruns only it)
"""
