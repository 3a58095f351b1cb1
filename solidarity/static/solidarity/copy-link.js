// Progressive enhancement: a "Copy" button beside a link shown as text. Without
// JavaScript the text stays selectable and nothing is lost.
document.querySelectorAll("[data-copy]").forEach((box) => {
  const field = box.querySelector("input");
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = box.dataset.copy;
  button.addEventListener("click", async () => {
    field.select();
    try {
      await navigator.clipboard.writeText(field.value);
    } catch (error) {
      document.execCommand("copy");
    }
    button.textContent = box.dataset.copied;
  });
  box.appendChild(button);
});
