/* Study-guide explorers: native, labelled <select> controls that switch a view.
 *
 * In the HTML book, the views were computed at build time by the chapter's Python view function
 * and embedded in the page (a <script type="application/json"> next to the default view); this
 * script adds the controls and swaps the view, with no kernel and nothing from another site.
 * In JupyterLab the same controls are drawn by the anywidget explorer (see explorer.py), whose
 * kernel computes each view. Without JavaScript the default view stays as it is.
 */
(function (root) {
  "use strict";
  var counter = 0;

  /* One <label>+<select> per control, in a group that JupyterLab's shortcuts leave alone. */
  function controls(spec, chosen, onChange) {
    var box = document.createElement("div");
    box.className = "sg-explorer-controls";
    box.setAttribute("data-lm-suppress-shortcuts", "true");
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", spec.title || "Explorer controls");
    /* Keys pressed in a control belong to it: JupyterLab's notebook would otherwise take the arrow
       keys in the bubbling phase (and cancel the change of option). */
    box.addEventListener("keydown", function (event) { event.stopPropagation(); });
    var selects = spec.controls.map(function (control, i) {
      var id = "sg-control-" + (++counter);
      var wrap = document.createElement("span");
      wrap.className = "sg-explorer-control";
      var label = document.createElement("label");
      label.htmlFor = id;
      label.textContent = control.label;
      var select = document.createElement("select");
      select.id = id;
      control.options.forEach(function (text, j) {
        var option = document.createElement("option");
        option.value = String(j);
        option.textContent = text;
        select.appendChild(option);
      });
      select.value = String(chosen[i]);
      select.addEventListener("change", function () {
        onChange(selects.map(function (s) { return Number(s.value); }));
      });
      wrap.appendChild(label);
      wrap.appendChild(select);
      box.appendChild(wrap);
      return select;
    });
    return box;
  }

  function status() {
    var p = document.createElement("p");
    p.className = "sg-explorer-status";
    p.setAttribute("aria-live", "polite");
    return p;
  }

  function svgUri(svg) {
    return "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svg);
  }

  /* A view is a list of part indices; a part is HTML text or {"s": raw SVG} for an image. */
  function assemble(data, layout) {
    return layout.map(function (k) {
      var part = data.parts[k];
      return typeof part === "string" ? part : svgUri(part.s);
    }).join("");
  }

  /* Links to other pages of the guide carry target=_blank so that JupyterLab is never navigated
     away; in the book they open in place. */
  function openInPlace(el) {
    el.querySelectorAll("a.sg-internal[target]").forEach(function (a) { a.removeAttribute("target"); });
  }

  function activate(el) {
    var holder = el.querySelector("script.sg-explorer-states");
    var view = el.querySelector(".sg-explorer-view");
    if (!holder || !view || el.getAttribute("data-sg-active")) { return; }
    var data = JSON.parse(holder.textContent);
    el.setAttribute("data-sg-active", "true");
    var say = status();
    var show = function (chosen) {
      var key = chosen.join(".");
      if (Object.prototype.hasOwnProperty.call(data.views, key)) {
        var v = data.views[key];
        view.innerHTML = assemble(data, data.layouts[v]);
        openInPlace(view);
        say.textContent = data.status[v];
      } else {
        view.innerHTML = "";
        say.textContent = data.missing || "No view for this choice.";
      }
    };
    var box = controls(data, data.defaults, show);
    var stale = el.querySelector(".sg-explorer-default");  /* the status line takes its place */
    if (stale) { stale.parentNode.removeChild(stale); }
    el.insertBefore(say, view);
    el.insertBefore(box, say);
    say.textContent = data.status[data.views[data.defaults.join(".")]] || "";
  }

  function activateAll() {
    document.querySelectorAll(".sg-explorer").forEach(activate);
    openInPlace(document);
  }

  root.sgExplorer = { controls: controls, status: status, activate: activate };
  if (typeof document !== "undefined" && !root.sgExplorerNoAuto) {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", activateAll);
    } else {
      activateAll();
    }
  }
})(typeof globalThis !== "undefined" ? globalThis : window);
