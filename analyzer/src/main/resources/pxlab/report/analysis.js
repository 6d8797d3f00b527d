// pxlab analyze: the HTML report's only script, inlined into the page (its hash is in the page's CSP).
// It reads nothing but the numeric data-t attributes pxlab wrote, and never builds markup from page text.
(function () {
  'use strict';
  var svgs = document.querySelectorAll('svg.sched');
  function highlight(t) {
    var marked = document.querySelectorAll('.hl');
    for (var i = 0; i < marked.length; i++) marked[i].classList.remove('hl');
    for (var s = 0; s < svgs.length; s++) svgs[s].classList.toggle('dim', t !== null);
    if (t === null) return;
    var same = document.querySelectorAll('[data-t="' + t + '"]');
    for (var j = 0; j < same.length; j++) same[j].classList.add('hl');
  }
  function over(e) {
    var el = e.target.closest ? e.target.closest('[data-t]') : null;
    var t = el ? el.getAttribute('data-t') : null;
    highlight(t !== null && /^[0-9]+$/.test(t) ? t : null);
  }
  var hoverable = document.querySelectorAll('svg.sched, ul.legend');
  for (var k = 0; k < hoverable.length; k++) {
    hoverable[k].addEventListener('mouseover', over);
    hoverable[k].addEventListener('mouseleave', function () { highlight(null); });
  }
  // A marker for tests in a real browser: the script ran, and the style sheet was not blocked by the CSP.
  document.documentElement.setAttribute('data-pxlab-rendered', document.styleSheets.length > 0 ? 'ok' : 'unstyled');
}());
