// The intake desk while a document is being read: look again every five seconds (without
// JavaScript, the page offers a reload link instead).
if (document.querySelector("[data-reading]")) {
  setTimeout(function () { window.location.reload(); }, 5000);
}
