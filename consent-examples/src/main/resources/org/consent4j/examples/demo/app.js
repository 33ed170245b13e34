// The demo's own first-party script: it needs no consent and sends nothing anywhere.
document.addEventListener('DOMContentLoaded', function () {
  var el = document.getElementById('first-party');
  if (el) { el.textContent = 'First-party script ran.'; }
});
