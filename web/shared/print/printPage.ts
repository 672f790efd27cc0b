/**
 * Opens a printable page of the server (a report's print.html) in a hidden frame and calls the browser's print
 * dialog: "save as PDF" there makes the PDF. The frame goes a minute later.
 */
export function printPage(url: string) {
  const frame = document.createElement('iframe');
  frame.className = 'visually-hidden';
  frame.title = 'print';
  frame.src = url;
  frame.onload = () => {
    frame.contentWindow?.focus();
    frame.contentWindow?.print();
    setTimeout(() => frame.remove(), 60_000);
  };
  document.body.append(frame);
}
