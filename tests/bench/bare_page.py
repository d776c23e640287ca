# A bare WebKitGTK page in a GTK window of Shoki's size, nothing else: the anchor of the window's
# memory and start-up figures in `make bench` (tests/bench_window.rs). Prints "painted" once the
# page has loaded and a frame has been drawn, then stays until killed.
# Needs Debian's python3-gi and gir1.2-webkit2-4.1 (installed by `make bench`).
import gi

gi.require_version("Gtk", "3.0")
gi.require_version("WebKit2", "4.1")
from gi.repository import GLib, Gtk, WebKit2  # noqa: E402

window = Gtk.Window(title="bare")
window.set_default_size(1280, 800)
view = WebKit2.WebView()


def loaded(view, event):
    if event == WebKit2.LoadEvent.FINISHED:
        # The frame after the load: as the app's figure ends at the frame after the list.
        GLib.timeout_add(16, lambda: print("painted", flush=True) and False)


view.connect("load-changed", loaded)
view.load_html("<!doctype html><meta charset=utf-8><title>書記</title><h1>会議一覧</h1>", "about:blank")
window.add(view)
window.connect("destroy", Gtk.main_quit)
window.show_all()
Gtk.main()
