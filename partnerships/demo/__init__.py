"""The demo: the real IOP agreements as plain data (data), loaded through the services (load),
then their committee case and lifecycle steps (lifecycle). iop/demo.py runs them with the other
apps' loaders."""
