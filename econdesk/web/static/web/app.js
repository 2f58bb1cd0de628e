// Small behaviours every page shares (loaded from this site only; the CSP forbids inline code).
// 1. A <select data-autosubmit> submits its GET form as soon as a choice is made.
// 2. A <table data-sortable> sorts by a header click (numbers by data-sort, else the text);
//    rows marked data-fixed (the total row) stay on top.
(function () {
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el.matches && el.matches("select[data-autosubmit]") && el.form) el.form.submit();
  });

  function key(cell) {
    var raw = cell.getAttribute("data-sort");
    if (raw === null) return { n: NaN, t: cell.textContent.trim() };
    return { n: raw === "" ? NaN : parseFloat(raw), t: raw };
  }

  function sortBy(table, index, th) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows).filter(function (r) { return !r.hasAttribute("data-fixed"); });
    var desc = th.getAttribute("aria-sort") === "ascending";
    rows.sort(function (a, b) {
      var x = key(a.cells[index]), y = key(b.cells[index]);
      var xn = isNaN(x.n), yn = isNaN(y.n);
      if (xn && yn) return x.t.localeCompare(y.t, "zh-CN") * (desc ? -1 : 1);
      if (xn) return 1; // a missing figure goes last either way
      if (yn) return -1;
      return (x.n - y.n) * (desc ? -1 : 1);
    });
    Array.prototype.forEach.call(table.tHead.rows[table.tHead.rows.length - 1].cells, function (c) {
      c.removeAttribute("aria-sort");
    });
    th.setAttribute("aria-sort", desc ? "descending" : "ascending");
    rows.forEach(function (r) { body.appendChild(r); });
  }

  document.addEventListener("click", function (event) {
    var th = event.target.closest && event.target.closest("table[data-sortable] thead th[data-col]");
    if (!th) return;
    var table = th.closest("table");
    sortBy(table, parseInt(th.getAttribute("data-col"), 10), th);
  });
})();
