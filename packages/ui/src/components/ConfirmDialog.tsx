import { type ReactNode, useState } from "react";
import { Dialog, Heading, Modal, ModalOverlay } from "react-aria-components";
import { Button } from "./Button.tsx";

export interface ConfirmDialogProps {
  isOpen: boolean;
  title: string;
  /** The consequence, in plain words ("12 orders will be cancelled and buyers refunded."). */
  children?: ReactNode;
  confirmLabel?: string;
  cancelLabel?: string;
  /** Red confirm button, and initial focus on Cancel so a stray Enter does not destroy anything. */
  destructive?: boolean;
  /**
   * Runs on confirm. If it returns a promise the dialog stays open with a pending button until it
   * settles; the caller closes it (isOpen=false) when the work succeeded.
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: a handler that returns nothing is as valid as one returning a promise.
  onConfirm: () => void | Promise<unknown>;
  /** Cancel button, Escape key. Not called while a confirm is pending. */
  onCancel: () => void;
  /** External pending state, e.g. a react-query mutation's isPending. */
  isConfirming?: boolean;
}

/**
 * A modal alert dialog asking to confirm an action. React Aria traps focus inside, restores it to the
 * trigger on close, hides the rest of the page from screen readers and closes on Escape.
 */
export function ConfirmDialog({
  isOpen,
  title,
  children,
  confirmLabel = "Confirm",
  cancelLabel = "Cancel",
  destructive = false,
  onConfirm,
  onCancel,
  isConfirming = false,
}: ConfirmDialogProps) {
  const [running, setRunning] = useState(false);
  const pending = running || isConfirming;

  const confirm = async () => {
    const result = onConfirm();
    if (result && typeof (result as Promise<unknown>).then === "function") {
      setRunning(true);
      try {
        await result;
      } catch {
        // The caller reports the failure (toast, banner); the dialog just stays open for a retry.
      } finally {
        setRunning(false);
      }
    }
  };

  return (
    <ModalOverlay
      isOpen={isOpen}
      onOpenChange={(open) => {
        if (!open && !pending) onCancel();
      }}
      // An alert dialog is answered with a button or Escape, never by a click beside it.
      isDismissable={false}
      isKeyboardDismissDisabled={pending}
      className="fixed inset-0 z-50 flex items-center justify-center bg-overlay p-4 motion-safe:data-entering:animate-kit-fade-in"
    >
      <Modal className="w-full max-w-md rounded-2xl bg-surface text-fg shadow-popover outline-none motion-safe:data-entering:animate-kit-pop-in">
        <Dialog role="alertdialog" className="outline-none">
          <div className="px-5 pt-5">
            <Heading slot="title" className="text-base font-semibold">
              {title}
            </Heading>
            {children && <div className="mt-2 text-sm text-fg-muted">{children}</div>}
          </div>
          <div className="mt-5 flex justify-end gap-2 border-t border-line px-5 py-3">
            <Button variant="secondary" onPress={onCancel} isDisabled={pending} autoFocus={destructive}>
              {cancelLabel}
            </Button>
            <Button
              variant={destructive ? "critical" : "primary"}
              onPress={confirm}
              isPending={pending}
              autoFocus={!destructive}
            >
              {confirmLabel}
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
