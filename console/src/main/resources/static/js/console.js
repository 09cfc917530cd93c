// The console's only script (served from /console/static, as the Content-Security-Policy requires): the copy
// button next to a key shown once. Everything else works without JavaScript.
document.addEventListener('click', function (event) {
  var button = event.target.closest('[data-copy]');
  if (!button) {
    return;
  }
  var source = document.getElementById(button.getAttribute('data-copy'));
  if (!source) {
    return;
  }
  var text = source.textContent.trim();
  var done = function () { button.textContent = 'Copied'; };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(done, function () { select(source); });
  } else {
    select(source);
    try { document.execCommand('copy'); done(); } catch (e) { /* selected: the operator copies it by hand */ }
  }
});

function select(element) {
  var range = document.createRange();
  range.selectNodeContents(element);
  var selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
}
