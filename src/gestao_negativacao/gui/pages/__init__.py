"""The screens of the main window's navigation (DESIGN §11), one module each."""
